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
    if (s.ctx.debts === undefined) return false;
    for (const debt of s.debts()) if (debt?.timeBarred === true) return true;
    return false;
  }
}
