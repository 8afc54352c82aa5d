/** Rules that never refuse a contact but say what its message must carry. */
import { channelBit, channelMask, type RequirementRule } from '../engine/rule.js';
import type { Scratch } from '../engine/scratch.js';
import type { ChannelRequirementSpec, TimeBarredSpec } from '../packs/spec.js';
import type { Requirement } from '../types.js';

export class ChannelRequirementRule implements RequirementRule {
  readonly requirement: Requirement;
  private readonly channels: number;

  constructor(spec: ChannelRequirementSpec) {
    this.requirement = spec.requirement;
    this.channels = channelMask(spec.channels);
  }

  applies(s: Scratch): boolean {
    return (this.channels & channelBit(s.p.channel)) !== 0;
  }
}

export class TimeBarredRule implements RequirementRule {
  readonly requirement: Requirement;

  constructor(spec: TimeBarredSpec) {
    this.requirement = spec.requirement;
  }

  applies(s: Scratch): boolean {
    const debts = s.ctx.debts;
    if (debts === undefined) return false;
    for (const id of s.p.invoiceIds) if (debts[id]?.timeBarred === true) return true;
    return false;
  }
}
