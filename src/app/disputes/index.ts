export {
  disputeInput,
  resolveInput,
  listDisputesQuery,
  disputeReportQuery,
  DISPUTE_REASONS,
} from './input.js';
export { openDispute } from './open.js';
export { resolveDispute } from './resolve.js';
export { getDispute, listDisputes, getAttachment } from './read.js';
export { disputeAgeReport } from './report.js';
