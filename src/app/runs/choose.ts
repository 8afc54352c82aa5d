import {
  DEFAULT_SEGMENT,
  findSegment,
  variantFor,
  type CustomerFacts,
  type SegmentDefinition,
} from '../../domain/strategies/segments.js';
import type { LoadedStrategy } from '../strategies.js';

export interface StrategyChoice {
  strategy: LoadedStrategy;
  segment: string;
  variant: 'champion' | 'challenger' | null;
}

/**
 * Which strategy a customer runs: their own override, else their segment's (champion or
 * challenger), else the first strategy whose `applies_to` matches their kind and segment.
 */
export function chooseStrategy(
  customer: { id: string; strategyId: string | null },
  facts: CustomerFacts,
  segments: readonly SegmentDefinition[],
  strategies: readonly LoadedStrategy[],
): StrategyChoice | null {
  const segment = findSegment(segments, facts);
  const segmentName = segment?.name ?? DEFAULT_SEGMENT;
  const byId = (id: string | null) => strategies.find((s) => s.strategyId === id);
  if (customer.strategyId) {
    const own = byId(customer.strategyId);
    if (own) return { strategy: own, segment: segmentName, variant: null };
  }
  if (segment) {
    const variant = variantFor(customer.id, segment);
    const chosen = byId(variant === 'challenger' ? segment.challengerStrategyId : segment.strategyId);
    if (chosen) return { strategy: chosen, segment: segmentName, variant };
  }
  const matching = strategies.find(({ document: { applies_to } }) => {
    if (applies_to.kind && applies_to.kind !== facts.kind) return false;
    return !applies_to.segments || applies_to.segments.includes(segmentName);
  });
  return matching ? { strategy: matching, segment: segmentName, variant: null } : null;
}
