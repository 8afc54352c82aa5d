import type { CalendarDate } from '../dates.js';
import { RecoupError } from '../errors.js';

/** The parts of an invoice balance, in the order money pays them by default. */
export type Component = 'fee' | 'interest' | 'principal';
export const COMPONENTS: readonly Component[] = ['fee', 'interest', 'principal'];

export interface OpenItem {
  invoiceId: string;
  number: string;
  dueDate: CalendarDate;
  issueDate: CalendarDate;
  owed: Record<Component, bigint>;
  /** False for items money without instructions must not go to (open dispute, void). */
  autoAllocatable: boolean;
  /** Early-payment discount the debtor earns by settling this item now (0 when none applies). */
  discountAvailable: bigint;
}

export interface AllocationPolicy {
  /** Which items an unallocated payment pays first. */
  itemOrder: 'oldest_due_first' | 'newest_due_first';
  componentOrder: readonly Component[];
}

export const DEFAULT_POLICY: AllocationPolicy = { itemOrder: 'oldest_due_first', componentOrder: COMPONENTS };

export interface AllocationLine {
  invoiceId: string;
  component: Component;
  amount: bigint;
}

export interface AllocationResult {
  lines: AllocationLine[];
  /** Discounts taken because the payment settled an item inside its discount window. */
  discounts: AllocationLine[];
  unapplied: bigint;
}

export function owedTotal(item: Pick<OpenItem, 'owed'>): bigint {
  return item.owed.fee + item.owed.interest + item.owed.principal;
}

/**
 * Spreads `amount` over the open items by policy: items oldest due first, and within an item
 * fees, then interest, then principal. What is left stays unapplied (on-account credit).
 */
export function allocateByPolicy(
  items: readonly OpenItem[],
  amount: bigint,
  policy: AllocationPolicy = DEFAULT_POLICY,
): AllocationResult {
  const ordered = items
    .filter((item) => item.autoAllocatable && owedTotal(item) > 0n)
    .sort((a, b) => compareItems(a, b) * (policy.itemOrder === 'oldest_due_first' ? 1 : -1));
  const result: AllocationResult = { lines: [], discounts: [], unapplied: amount };
  for (const item of ordered) {
    if (result.unapplied === 0n) break;
    result.unapplied = payItem(item, { ...item.owed }, result.unapplied, policy.componentOrder, result, true);
  }
  return result;
}

/**
 * Applies explicit instructions (remittance advice, a portal checkout): exactly these amounts to
 * these items. An amount above an item's balance, or instructions above the payment, are refused.
 */
export function allocateExplicitly(
  items: readonly OpenItem[],
  amount: bigint,
  instructions: readonly { invoiceId: string; amount: bigint }[],
  policy: AllocationPolicy = DEFAULT_POLICY,
): AllocationResult {
  const byId = new Map(items.map((item) => [item.invoiceId, item]));
  const remaining = new Map(items.map((item) => [item.invoiceId, { ...item.owed }]));
  const result: AllocationResult = { lines: [], discounts: [], unapplied: amount };
  const problems: { path: string; message: string }[] = [];
  let requested = 0n;
  instructions.forEach((instruction, index) => {
    const path = `allocations[${index}]`;
    const item = byId.get(instruction.invoiceId);
    const owed = remaining.get(instruction.invoiceId);
    if (!item || !owed) {
      problems.push({
        path: `${path}.invoice_id`,
        message: `invoice ${instruction.invoiceId} is not an open item of this customer in this currency`,
      });
      return;
    }
    requested += instruction.amount;
    const balance = owed.fee + owed.interest + owed.principal;
    if (instruction.amount > balance) {
      problems.push({
        path: `${path}.amount`,
        message: `is more than the balance of invoice ${item.number}`,
      });
      return;
    }
    const left = payItem(item, owed, instruction.amount, policy.componentOrder, result, false);
    if (left !== 0n) problems.push({ path: `${path}.amount`, message: `could not be applied in full` });
  });
  if (requested > amount) {
    problems.push({ path: 'allocations', message: 'allocations add up to more than the payment' });
  }
  if (problems.length > 0) {
    throw new RecoupError(
      'rejected',
      'allocation_refused',
      problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      problems,
    );
  }
  result.unapplied = amount - requested;
  return result;
}

/**
 * Pays one item's components in order; mutates `owed` and returns what was left of `amount`.
 * When `stopAtDiscount`, principal is paid only down to the available discount (automatic
 * allocation assumes the debtor meant to take it). Either way, a principal remainder no larger
 * than the discount is settled by posting the discount.
 */
function payItem(
  item: OpenItem,
  owed: Record<Component, bigint>,
  amount: bigint,
  order: readonly Component[],
  result: AllocationResult,
  stopAtDiscount: boolean,
): bigint {
  let left = amount;
  for (const component of order) {
    const discount = component === 'principal' ? minBig(item.discountAvailable, owed.principal) : 0n;
    const payable = stopAtDiscount ? owed[component] - discount : owed[component];
    const paid = minBig(left, payable);
    if (paid > 0n) {
      result.lines.push({ invoiceId: item.invoiceId, component, amount: paid });
      owed[component] -= paid;
      left -= paid;
    }
    if (paid > 0n && discount > 0n && owed[component] > 0n && owed[component] <= discount) {
      result.discounts.push({ invoiceId: item.invoiceId, component, amount: owed[component] });
      owed[component] = 0n;
    }
    if (left === 0n) break;
  }
  return left;
}

function compareItems(a: OpenItem, b: OpenItem): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  if (a.issueDate !== b.issueDate) return a.issueDate < b.issueDate ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
