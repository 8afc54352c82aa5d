/**
 * The rule packs Recoup knows, every version, and which of them judge a given customer.
 */
import { RecoupError } from '../../errors.js';
import type { CustomerFacts } from '../types.js';
import { B2B_DEFAULT_2026_01_01 } from './b2b-default.js';
import type { RulePack, RulePackId } from './spec.js';
import { TCPA_2025_04_11 } from './tcpa.js';
import { US_FEDERAL_CONSUMER_2021_11_30 } from './us-federal-consumer.js';
import { US_MA_2024_09_27 } from './us-ma.js';

/** Every version of every pack, oldest version first within an id. */
export const RULE_PACKS: readonly RulePack[] = [
  US_FEDERAL_CONSUMER_2021_11_30,
  US_MA_2024_09_27,
  TCPA_2025_04_11,
  B2B_DEFAULT_2026_01_01,
];

const PACK_ORDER: readonly RulePackId[] = ['us_federal_consumer', 'us_ma', 'tcpa', 'b2b_default'];

function latest(id: string): RulePack | undefined {
  let found: RulePack | undefined;
  for (const pack of RULE_PACKS) if (pack.id === id && (!found || pack.version > found.version)) found = pack;
  return found;
}

/** The pack a reference names: `id` is its latest version, `id@version` that version. */
export function findRulePack(ref: string): RulePack | undefined {
  const at = ref.indexOf('@');
  if (at < 0) return latest(ref);
  const id = ref.slice(0, at);
  const version = ref.slice(at + 1);
  return RULE_PACKS.find((pack) => pack.id === id && pack.version === version);
}

export function isRulePackRef(ref: string): boolean {
  return findRulePack(ref) !== undefined;
}

function appliesTo(pack: RulePack, customer: CustomerFacts): boolean {
  const { kind, country, region } = pack.appliesTo;
  return (
    (kind === undefined || kind === customer.kind) &&
    (country === undefined || country === customer.country) &&
    (region === undefined || region === customer.region)
  );
}

/**
 * The packs that judge `customer` when the organisation has `refs` in force. A state pack
 * brings its base pack, and a base pack brings the state pack of the customer's region.
 */
export function packsFor(refs: readonly string[], customer: CustomerFacts): RulePack[] {
  const chosen = new Map<RulePackId, RulePack>();
  for (const ref of refs) {
    const pack = findRulePack(ref);
    if (!pack) throw new RecoupError('invalid', 'unknown_rule_pack', `Unknown rule pack ${ref}`);
    chosen.set(pack.id, pack);
  }
  for (const pack of [...chosen.values()]) {
    if (pack.extends && !chosen.has(pack.extends)) chosen.set(pack.extends, latest(pack.extends) as RulePack);
  }
  for (const pack of RULE_PACKS) {
    if (pack.extends && chosen.has(pack.extends) && !chosen.has(pack.id) && appliesTo(pack, customer)) {
      chosen.set(pack.id, latest(pack.id) as RulePack);
    }
  }
  return PACK_ORDER.flatMap((id) => {
    const pack = chosen.get(id);
    return pack && appliesTo(pack, customer) ? [pack] : [];
  });
}
