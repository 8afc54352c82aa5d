/**
 * check(proposed, context): may this contact go out at its instant?
 *
 * Every rule answers, at an instant t, "yes" or "not before u" (u > t, Infinity for never by
 * time alone). Starting from the proposed instant, check() jumps to the largest u and asks all
 * rules again, until they all say yes (defer to that instant) or one says never (block). Each
 * jump only skips instants some rule refuses, so the instant found is the earliest allowed one.
 */
import { invalid } from '../errors.js';
import { REASON_CODES } from './codes.js';
import { ruleSetFor } from './engine/compile.js';
import { PASS, type RequirementRule, type Rule } from './engine/rule.js';
import { Scratch } from './engine/scratch.js';
import type { ComplianceContext, Decision, ProposedContact, Reason, Requirement } from './types.js';

/** Rounds of "jump and ask again" before giving up; real contexts need two or three. */
const MAX_ROUNDS = 200;

export function check(proposed: ProposedContact, context: ComplianceContext): Decision {
  if (!Number.isFinite(proposed.at)) throw invalid('at', 'must be an instant (epoch milliseconds)');
  const set = ruleSetFor(context);
  const s = new Scratch(proposed, context);
  const rules = set.rules;
  const requires = requirementsOf(set.requirements, s);
  const at = proposed.at;

  let refusing: Rule[] | undefined;
  let untils: number[] | undefined;
  let t = PASS;
  for (const rule of rules) {
    const until = rule.test(s, at);
    if (until === PASS) continue;
    if (refusing === undefined || untils === undefined) {
      refusing = [];
      untils = [];
    }
    refusing.push(rule);
    untils.push(until);
    if (until > t) t = until;
  }
  if (refusing === undefined || untils === undefined) {
    return { decision: 'allow', reasons: [], rule_pack_versions: set.versions, requires };
  }
  const reasons = reasonsAt(s, at, refusing, untils);

  for (let round = 0; round < MAX_ROUNDS && t !== Infinity; round++) {
    const now = t;
    let next = PASS;
    for (const rule of rules) {
      const until = rule.test(s, now);
      if (until === PASS) continue;
      next = Math.max(next, until > now ? until : now + 1); // a rule must move time forward
      if (until === Infinity) addReason(reasons, rule.reason(s, now, until));
    }
    if (next === PASS) {
      return { decision: 'defer', reasons, next_allowed_at: now, rule_pack_versions: set.versions, requires };
    }
    t = next;
  }
  if (t !== Infinity)
    addReason(reasons, { code: 'no_allowed_time_found', message: REASON_CODES.no_allowed_time_found });
  return { decision: 'block', reasons, rule_pack_versions: set.versions, requires };
}

/** The refusing rules' reasons, the binding one first: the one that holds longest (a block's cause before a time window). */
function reasonsAt(s: Scratch, at: number, refusing: Rule[], untils: number[]): Reason[] {
  if (refusing.length === 1) return [(refusing[0] as Rule).reason(s, at, untils[0] as number)];
  const order = refusing.map((_, i) => i).sort((a, b) => (untils[b] as number) - (untils[a] as number));
  return order.map((i) => (refusing[i] as Rule).reason(s, at, untils[i] as number));
}

function addReason(reasons: Reason[], reason: Reason): void {
  if (!reasons.some((r) => r.code === reason.code)) reasons.push(reason);
}

function requirementsOf(rules: readonly RequirementRule[], s: Scratch): Requirement[] {
  const requires: Requirement[] = [];
  for (const rule of rules) {
    if (!requires.includes(rule.requirement) && rule.applies(s)) requires.push(rule.requirement);
  }
  return requires;
}
