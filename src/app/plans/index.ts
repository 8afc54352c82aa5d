export { planInput, listPlansQuery, cancelPlanInput, type PlanInput } from './input.js';
export { createPlan, planRuleProblems } from './create.js';
export { getPlan, listPlans } from './read.js';
export { cancelPlan } from './cancel.js';
export { loadPlans, stateOf, type PlanRecord } from './load.js';
export { approvePlan } from './approve.js';
