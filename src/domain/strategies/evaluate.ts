/**
 * Decide: what a strategy says to do for one customer on one day. Pure: a snapshot and a date
 * in, the steps due, the new cycle state and the next day worth looking again out.
 *
 * Rules (API.md, "Strategy document"):
 * - `offset_days` counts from the due date of the oldest open item (scope `customer`) or of
 *   each item (scope `invoice`); held items are left out as if they were not there.
 * - Only the latest step whose day has come fires; earlier ones that never fired are skipped,
 *   and a cycle never goes back to a step before one that already fired.
 * - A step fires once per item and cycle: markers of fired steps are kept in the cycle state.
 *   Steps before the due date are marked per due date, so each new invoice gets its reminder.
 * - A cycle ends when nothing is overdue; falling behind again starts the next one.
 * - Event steps (`on`) fire once per event.
 */
import { addDays, daysBetween, type CalendarDate } from '../dates.js';
import { parseAmount } from '../money.js';
import type { StepConditions, StepEvent, StrategyDocument, StrategyStep, Threshold } from './document.js';

export interface SnapshotItem {
  invoiceId: string;
  number: string;
  currency: string;
  issueDate: CalendarDate;
  dueDate: CalendarDate;
  balance: bigint;
  /** A hold (dispute, promise, plan...) covers this item: no step acts on it. */
  held: boolean;
}

export interface SnapshotEvent {
  kind: StepEvent;
  id: string;
  on: CalendarDate;
  invoiceIds: string[];
}

export interface CycleState {
  cycle: number;
  active: boolean;
  fired: readonly string[];
}

export interface CustomerSnapshot {
  customerId: string;
  kind: 'business' | 'consumer';
  tags: readonly string[];
  segment: string;
  /** The run's date in the customer's (first) time zone. */
  today: CalendarDate;
  /** Open items (balance above zero). */
  items: readonly SnapshotItem[];
  events: readonly SnapshotEvent[];
  state: CycleState;
}

export interface DueStep {
  step: StrategyStep;
  /** Unique within the cycle (or, for events, for good): part of the action's idempotency key. */
  marker: string;
  /** The cycle the step fires in; events use 0, as they belong to no cycle. */
  cycle: number;
  items: SnapshotItem[];
  /** Days past due of the item the offset counted from (null for events). */
  daysPastDue: number | null;
}

export interface Note {
  step: string | null;
  code: string;
  message: string;
}

export interface Evaluation {
  state: CycleState;
  due: DueStep[];
  /** Why steps did not fire: the dry run shows these. */
  notes: Note[];
  /** The next day a step could fire without anything else changing (null: none). */
  nextReviewOn: CalendarDate | null;
}

export function evaluate(snapshot: CustomerSnapshot, strategy: StrategyDocument): Evaluation {
  // A run evaluates hundreds of thousands of customers: no closures made per call here (tsx,
  // which runs Recoup, names each one with a defineProperty), and per-document work done once.
  const today = snapshot.today;
  const active = snapshot.items.filter((item) => !item.held);
  // Held items still count as overdue for the cycle: a hold pauses the cycle, it does not end it.
  const state = nextCycleState(
    snapshot,
    snapshot.items.some((item) => item.dueDate < today),
  );
  const fired = new Set(state.fired);
  const notes: Note[] = [];
  const due: DueStep[] = [];
  let nextReviewOn: CalendarDate | null = null;

  if (snapshot.items.length > 0 && active.length === 0)
    notes.push({ step: null, code: 'all_items_held', message: 'every open item is on hold' });

  const offsetSteps = offsetStepsOf(strategy).filter((step) => appliesTo(step.conditions, snapshot));
  const groups = strategy.scope === 'customer' ? customerGroups(active) : active.map((item) => [item]);

  for (const group of groups) {
    const reference = group[0]!;
    const dpd = daysBetween(reference.dueDate, today);
    // offsetSteps is in offset order: the last reached step, and the first one not reached yet.
    let latestAt = -1;
    while (latestAt + 1 < offsetSteps.length && offsetSteps[latestAt + 1]!.offset_days! <= dpd) latestAt++;
    const next = offsetSteps[latestAt + 1];
    if (next) {
      const date = addDays(reference.dueDate, next.offset_days!);
      if (date > today && (nextReviewOn === null || date < nextReviewOn)) nextReviewOn = date;
    }
    if (latestAt < 0) continue;
    const latest = offsetSteps[latestAt]!;
    const marker = stepMarker(latest, reference, strategy.scope);
    if (fired.has(marker)) continue;
    let laterFired = false;
    for (let at = latestAt + 1; at < offsetSteps.length && !laterFired; at++)
      laterFired = fired.has(stepMarker(offsetSteps[at]!, reference, strategy.scope));
    if (laterFired) continue;
    const items =
      latest.offset_days! > 0
        ? group.filter((i) => i.dueDate < today)
        : group.filter((i) => daysBetween(i.dueDate, today) >= latest.offset_days!);
    const refusal =
      belowMinimum(strategy.min_balance, items, 'strategy') ??
      belowMinimum(latest.conditions.min_balance, items, latest.key) ??
      outsideDaysPastDue(latest.conditions, dpd);
    if (refusal) {
      notes.push({ step: latest.key, ...refusal });
      continue;
    }
    due.push({ step: latest, marker, cycle: state.cycle, items, daysPastDue: dpd });
  }

  for (const step of strategy.steps) {
    if (!step.on || !appliesTo(step.conditions, snapshot)) continue;
    for (const event of snapshot.events) {
      if (event.kind !== step.on) continue;
      const marker = eventMarker(step, event);
      if (fired.has(marker)) continue;
      const items = snapshot.items.filter((item) => event.invoiceIds.includes(item.invoiceId));
      due.push({ step, marker, cycle: 0, items, daysPastDue: null });
    }
  }

  return { state: { ...state, fired: [...fired, ...due.map((d) => d.marker)] }, due, notes, nextReviewOn };
}

/** A document's offset steps in offset order (stable: equal offsets keep document order), once. */
const offsetStepsCache = new WeakMap<StrategyDocument, StrategyStep[]>();
function offsetStepsOf(strategy: StrategyDocument): StrategyStep[] {
  let steps = offsetStepsCache.get(strategy);
  if (!steps) {
    steps = strategy.steps
      .filter((step) => step.offset_days !== undefined)
      .sort((a, b) => a.offset_days! - b.offset_days!);
    offsetStepsCache.set(strategy, steps);
  }
  return steps;
}

/** Starts or ends the cycle, and forgets markers that can no longer matter. */
function nextCycleState(snapshot: CustomerSnapshot, anyOverdue: boolean): CycleState {
  const { state, today } = snapshot;
  const eventIds = new Set(snapshot.events.map((event) => event.id));
  const outsideCycle = !anyOverdue;
  const fired = state.fired.filter((marker) => keepMarker(marker, eventIds, outsideCycle, today));
  if (outsideCycle && state.active) return { cycle: state.cycle + 1, active: false, fired };
  return { cycle: state.cycle, active: anyOverdue, fired };
}

function keepMarker(
  marker: string,
  eventIds: ReadonlySet<string>,
  outsideCycle: boolean,
  today: CalendarDate,
): boolean {
  if (marker.startsWith('on:')) return eventIds.has(marker.slice(marker.lastIndexOf(':') + 1));
  const dueDate = preDueDate(marker);
  // With nothing overdue, a reminder marked for a date now past belongs to an item that was paid.
  if (dueDate !== null) return outsideCycle ? dueDate >= today : true;
  return !outsideCycle;
}

/** Open items grouped for scope `customer`: one group, oldest due first. */
function customerGroups(items: readonly SnapshotItem[]): SnapshotItem[][] {
  if (items.length === 0) return [];
  return [[...items].sort(byDue)];
}

function byDue(a: SnapshotItem, b: SnapshotItem): number {
  // YYYY-MM-DD strings order as their dates: a plain comparison, cheaper than a collation.
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1;
  return a.number.localeCompare(b.number);
}

/**
 * `key` for steps after the due date; `key@due` for reminders before it (one per due date);
 * with `#invoice` for per-invoice steps.
 */
function stepMarker(step: StrategyStep, reference: SnapshotItem, scope: 'customer' | 'invoice'): string {
  const base = step.offset_days! <= 0 ? `${step.key}@${reference.dueDate}` : step.key;
  return scope === 'invoice' ? `${base}#${reference.invoiceId}` : base;
}

function preDueDate(marker: string): CalendarDate | null {
  const at = marker.indexOf('@');
  return at < 0 ? null : marker.slice(at + 1, at + 11);
}

function eventMarker(step: StrategyStep, event: SnapshotEvent): string {
  return `on:${step.key}:${event.id}`;
}

/** Conditions that say whether a step exists for this customer at all. */
function appliesTo(conditions: StepConditions, snapshot: CustomerSnapshot): boolean {
  if (conditions.kinds && !conditions.kinds.includes(snapshot.kind)) return false;
  if (conditions.segments && !conditions.segments.includes(snapshot.segment)) return false;
  if (conditions.tags && !conditions.tags.some((tag) => snapshot.tags.includes(tag))) return false;
  return true;
}

/**
 * A minimum balance is met when, in some currency the items are in, there is no threshold or
 * the balance reaches it. Thresholds in other currencies are never converted.
 */
function belowMinimum(
  minimum: readonly Threshold[] | undefined,
  items: readonly SnapshotItem[],
  what: string,
): Omit<Note, 'step'> | null {
  if (!minimum || minimum.length === 0) return null;
  const totals = new Map<string, bigint>();
  for (const item of items) totals.set(item.currency, (totals.get(item.currency) ?? 0n) + item.balance);
  // Currencies in code order, as totalsByCurrency gives them.
  for (const currency of [...totals.keys()].sort()) {
    const threshold = minimum.find((t) => t.currency === currency);
    if (!threshold || totals.get(currency)! >= thresholdAmount(threshold)) return null;
  }
  const wanted = minimum.map((t) => `${t.amount} ${t.currency}`).join(', ');
  return { code: 'below_min_balance', message: `balance below the ${what} minimum (${wanted})` };
}

/** A threshold in minor units, parsed once per document. */
const thresholdAmounts = new WeakMap<Threshold, bigint>();
function thresholdAmount(threshold: Threshold): bigint {
  let amount = thresholdAmounts.get(threshold);
  if (amount === undefined) {
    amount = parseAmount(threshold.amount, threshold.currency, 'min_balance');
    thresholdAmounts.set(threshold, amount);
  }
  return amount;
}

function outsideDaysPastDue(conditions: StepConditions, dpd: number): Omit<Note, 'step'> | null {
  const range = conditions.days_past_due;
  if (!range) return null;
  if ((range.from !== undefined && dpd < range.from) || (range.to !== undefined && dpd > range.to))
    return { code: 'outside_days_past_due', message: `${dpd} days past due is outside the step's range` };
  return null;
}
