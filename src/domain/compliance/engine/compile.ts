/**
 * Turns the packs that judge a customer into compiled rules, once per combination of packs in
 * force, customer jurisdiction and organisation settings; later checks reuse the result.
 */
import { withB2bSettings } from '../packs/b2b-settings.js';
import { packsFor } from '../packs/registry.js';
import type { RuleSpec } from '../packs/spec.js';
import { AutomatedConsentRule } from '../rules/automated-consent.js';
import { CeaseCommunicationRule } from '../rules/cease.js';
import { ContactCapRule } from '../rules/contact-cap.js';
import { ContactHoursRule } from '../rules/contact-hours.js';
import { ConversationBarRule } from '../rules/conversation-bar.js';
import { DisputePauseRule } from '../rules/dispute-pause.js';
import { HoldRule } from '../rules/holds.js';
import { OptOutRule } from '../rules/opt-outs.js';
import { ChannelRequirementRule, TimeBarredRule } from '../rules/requirements.js';
import { ValidationNoticeFirstRule, ValidationNoticeMediumRule } from '../rules/validation-notice.js';
import type { B2bSettings, ComplianceContext } from '../types.js';
import type { RequirementRule, Rule } from './rule.js';

export interface RuleSet {
  rules: readonly Rule[];
  requirements: readonly RequirementRule[];
  /** `id@version` of the packs in the set. */
  versions: readonly string[];
}

/** Contact preferences and holds bind whatever packs are in force. */
const BASE_RULES: readonly Rule[] = [new HoldRule(), new CeaseCommunicationRule(), new OptOutRule()];

function compile(spec: RuleSpec): Rule | RequirementRule {
  switch (spec.kind) {
    case 'contact_hours':
      return new ContactHoursRule(spec);
    case 'contact_cap':
      return new ContactCapRule(spec);
    case 'conversation_bar':
      return new ConversationBarRule(spec);
    case 'validation_notice_first':
      return new ValidationNoticeFirstRule(spec);
    case 'validation_notice_medium':
      return new ValidationNoticeMediumRule(spec);
    case 'dispute_pause':
      return new DisputePauseRule(spec);
    case 'automated_consent':
      return new AutomatedConsentRule(spec);
    case 'channel_requirement':
      return new ChannelRequirementRule(spec);
    case 'time_barred_requirement':
      return new TimeBarredRule(spec);
  }
}

function build(ctx: ComplianceContext): RuleSet {
  const rules: Rule[] = [...BASE_RULES];
  const requirements: RequirementRule[] = [];
  const versions: string[] = [];
  for (const base of packsFor(ctx.rulePacks, ctx.customer)) {
    const pack = base.id === 'b2b_default' ? withB2bSettings(base, ctx.b2bSettings) : base;
    versions.push(`${pack.id}@${pack.version}`);
    for (const spec of pack.rules) {
      const compiled = compile(spec);
      if ('test' in compiled) rules.push(compiled);
      else requirements.push(compiled);
    }
  }
  return { rules, requirements, versions };
}

/** packs → settings → kind → country → region → rule set; nested maps avoid building a key per check. */
type Level<T> = Map<string, T>;
const sets: Level<Level<Level<Level<Level<RuleSet>>>>> = new Map();
const packKeys = new WeakMap<readonly string[], string>();
const settingKeys = new WeakMap<B2bSettings, string>();
let cached = 0;

function level<T>(map: Level<T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** The compiled rules for a context; cached by packs, settings and jurisdiction. */
export function ruleSetFor(ctx: ComplianceContext): RuleSet {
  let packs = packKeys.get(ctx.rulePacks);
  if (packs === undefined) {
    packs = ctx.rulePacks.join(',');
    packKeys.set(ctx.rulePacks, packs);
  }
  let settings = '';
  if (ctx.b2bSettings !== undefined && ctx.customer.kind === 'business') {
    settings = settingKeys.get(ctx.b2bSettings) ?? JSON.stringify(ctx.b2bSettings);
    settingKeys.set(ctx.b2bSettings, settings);
  }
  const { kind, country, region } = ctx.customer;
  const regions = level(
    level(
      level(
        level(sets, packs, () => new Map()),
        settings,
        () => new Map(),
      ),
      kind,
      () => new Map(),
    ),
    country,
    () => new Map(),
  );
  let set = regions.get(region ?? '');
  if (set === undefined) {
    if (++cached > 10_000) {
      sets.clear(); // settings change over time; keep the cache bounded
      cached = 0;
    }
    set = build(ctx);
    regions.set(region ?? '', set);
  }
  return set;
}
