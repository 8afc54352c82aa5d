/**
 * A slow, obviously correct reading of the rules, written apart from the engine (it imports
 * nothing but the types) so the property test can compare the two. It answers one question:
 * which rules refuse this contact at instant t? Local times come straight from Intl, dates are
 * compared as calendar dates, and every rule is a plain loop.
 */
import type { B2bSettings, Channel, ComplianceContext, PastContact, ProposedContact } from '../types.js';

interface Local {
  year: number;
  month: number;
  day: number;
  /** Seconds since local midnight (milliseconds dropped: 20:59:59.999 is still before 21:00). */
  seconds: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Days since 1970-01-01 of the local date. */
  dayNumber: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const zoneNames = new Map<string, boolean>();

function isZone(zone: string): boolean {
  let known = zoneNames.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zoneNames.set(zone, known);
  }
  return known;
}

const seen = new Map<string, Local>();
let seenFor: ComplianceContext | undefined;

/** Local date and time at t in a zone, remembered while the oracle judges the same context. */
function local(zone: string, t: number): Local {
  const key = `${zone} ${t}`;
  let known = seen.get(key);
  if (known === undefined) {
    known = fromIntl(zone, t);
    seen.set(key, known);
  }
  return known;
}

function fromIntl(zone: string, t: number): Local {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const field: Record<string, string> = {};
  for (const part of format.formatToParts(t)) field[part.type] = part.value;
  const year = Number(field.year);
  const month = Number(field.month);
  const day = Number(field.day);
  return {
    year,
    month,
    day,
    seconds: Number(field.hour) * 3600 + Number(field.minute) * 60 + Number(field.second),
    weekday: WEEKDAYS.indexOf(field.weekday ?? ''),
    dayNumber: Date.UTC(year, month - 1, day) / 86_400_000,
  };
}

function same(a: string, b: string): boolean {
  const norm = (s: string) => (s.includes('@') ? s.trim().toLowerCase() : s.replace(/[^\d]/g, ''));
  return norm(a) === norm(b);
}

function about(entry: PastContact, debt: string | null): boolean {
  return debt === null || entry.invoiceIds.length === 0 || entry.invoiceIds.includes(debt);
}

/** A legal public holiday of 5 U.S.C. 6103(a), by its calendar description. */
function isHoliday(year: number, month: number, day: number, weekday: number): boolean {
  const monday = weekday === 1;
  return (
    (month === 1 && day === 1) ||
    (month === 1 && monday && day >= 15 && day <= 21 && year >= 1986) ||
    (month === 2 && monday && day >= 15 && day <= 21) ||
    (month === 5 && monday && day >= 25) ||
    (month === 6 && day === 19 && year >= 2021) ||
    (month === 7 && day === 4) ||
    (month === 9 && monday && day <= 7) ||
    (month === 10 && monday && day >= 8 && day <= 14) ||
    (month === 11 && day === 11) ||
    (month === 11 && weekday === 4 && day >= 22 && day <= 28) ||
    (month === 12 && day === 25)
  );
}

function dateOf(dayNumber: number) {
  const d = new Date(dayNumber * 86_400_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), w: d.getUTCDay() };
}

function closed(dayNumber: number): boolean {
  const { y, m, d, w } = dateOf(dayNumber);
  if (w === 0 || w === 6 || isHoliday(y, m, d, w)) return true;
  const next = dateOf(dayNumber + 1);
  const previous = dateOf(dayNumber - 1);
  return (
    (w === 5 && isHoliday(next.y, next.m, next.d, next.w)) || // Saturday holiday observed on Friday
    (w === 1 && isHoliday(previous.y, previous.m, previous.d, previous.w)) // Sunday holiday on Monday
  );
}

function validationEndDay(sentDay: number): number {
  let day = sentDay;
  let counted = 0;
  while (counted < 5) {
    day++;
    if (!closed(day)) counted++;
  }
  return day + 30;
}

function hhmm(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

/** The codes of the rules that refuse `p` at instant `t` (empty: allowed). */
export function oracle(p: ProposedContact, ctx: ComplianceContext, t: number): string[] {
  if (ctx !== seenFor) {
    seen.clear();
    seenFor = ctx;
  }
  const codes: string[] = [];
  const purpose = p.purpose ?? 'collection';
  const { kind, country, region, timeZones } = ctx.customer;
  const listed = (id: string) => ctx.rulePacks.some((ref) => ref === id || ref.startsWith(`${id}@`));
  const federal =
    kind === 'consumer' && country === 'US' && (listed('us_federal_consumer') || listed('us_ma'));
  const massachusetts = federal && region === 'MA';
  const tcpa = country === 'US' && listed('tcpa');
  const b2b = kind === 'business' && listed('b2b_default');
  const debts: (string | null)[] = p.invoiceIds.length === 0 ? [null] : [...p.invoiceIds];
  const zonesKnown = timeZones.length > 0 && timeZones.every(isZone);
  const firstZone = timeZones.find(isZone) ?? 'UTC';
  const today = local(firstZone, t).dayNumber;
  const dayOf = (instant: number) => local(firstZone, instant).dayNumber;
  const channelIs = (...channels: Channel[]) => channels.includes(p.channel);

  // Holds
  for (const hold of ctx.holds ?? []) {
    const stops =
      hold.reason === 'bankruptcy' || hold.reason === 'deceased'
        ? true
        : hold.reason === 'cease_communication' || hold.reason === 'placed'
          ? purpose !== 'required_notice'
          : purpose === 'collection';
    const onThese =
      !hold.invoiceIds ||
      hold.invoiceIds.length === 0 ||
      p.invoiceIds.length === 0 ||
      p.invoiceIds.some((id) => hold.invoiceIds?.includes(id));
    if (stops && onThese) {
      codes.push(`hold_${hold.reason}`);
      break;
    }
  }

  // Cease communication
  if (
    ctx.ceaseCommunicationAt !== undefined &&
    ctx.ceaseCommunicationAt <= t &&
    purpose !== 'required_notice'
  ) {
    codes.push('cease_communication');
  }

  // Opt-outs: the strongest one found
  const active = (ctx.optOuts ?? []).filter(
    (o) => o.channel === p.channel && o.effectiveAt <= t && !(o.endedAt !== undefined && o.endedAt <= t),
  );
  if (active.some((o) => o.address === undefined)) codes.push('opted_out_channel');
  else if (active.length > 0 && p.address === undefined) codes.push('address_required');
  else if (
    active.some((o) => p.address !== undefined && o.address !== undefined && same(o.address, p.address))
  ) {
    codes.push('opted_out_address');
  }

  const hoursOk = (start: number, end: number, weekdays: number[]) =>
    timeZones.every((zone) => {
      const l = local(zone, t);
      return l.seconds >= start && l.seconds < end && weekdays.includes(l.weekday);
    });
  // A call that did not connect is no contact (only calls have outcomes).
  const outbound = (entry: PastContact, channels: Channel[]) =>
    entry.at <= t &&
    entry.direction === 'outbound' &&
    (channels as string[]).includes(entry.channel) &&
    entry.outcome !== 'not_connected';
  const capReached = (channels: Channel[], max: number) =>
    debts.some((debt) => {
      let n = 0;
      for (const entry of ctx.history ?? []) {
        if (!outbound(entry, channels) || !about(entry, debt)) continue;
        const day = dayOf(entry.at);
        if (day <= today && day >= today - 6) n++;
      }
      return n >= max;
    });

  if (federal) {
    if (channelIs('phone', 'sms', 'email', 'visit')) {
      if (!zonesKnown) codes.push(timeZones.length === 0 ? 'time_zone_unknown' : 'time_zone_invalid');
      else if (!hoursOk(8 * 3600, 21 * 3600, [0, 1, 2, 3, 4, 5, 6])) codes.push('inconvenient_time');
    }
    if (channelIs('phone') && capReached(['phone'], 7)) codes.push('call_frequency_limit');
    if (channelIs('phone')) {
      const talked = (ctx.history ?? []).some((entry) => {
        if (entry.at > t || entry.channel !== 'phone' || entry.outcome !== 'conversation') return false;
        const day = dayOf(entry.at);
        return day <= today && day >= today - 6 && debts.some((debt) => about(entry, debt));
      });
      if (talked) codes.push('call_after_conversation');
    }
    if (purpose === 'collection') {
      const unsent = p.invoiceIds.some((id) => {
        const sent = ctx.debts?.[id]?.validationNoticeSentAt;
        return sent === undefined || sent > t;
      });
      if (unsent) codes.push('validation_notice_not_sent');
      const paused = p.invoiceIds.some((id) => {
        const debt = ctx.debts?.[id];
        if (!debt) return false;
        const end =
          debt.validationPeriodEnd !== undefined
            ? Date.parse(`${debt.validationPeriodEnd}T00:00:00Z`) / 86_400_000
            : debt.validationNoticeSentAt !== undefined
              ? validationEndDay(dayOf(debt.validationNoticeSentAt))
              : Infinity;
        return (debt.disputes ?? []).some(
          (d) =>
            d.receivedAt <= t &&
            dayOf(d.receivedAt) <= end &&
            (d.verificationSentAt === undefined || d.verificationSentAt > t),
        );
      });
      if (paused) codes.push('dispute_unverified');
    }
    if (purpose === 'validation_notice' && channelIs('phone', 'visit'))
      codes.push('validation_notice_medium');
  }

  if (massachusetts && channelIs('phone', 'sms') && capReached(['phone', 'sms'], 2))
    codes.push('ma_telephone_limit');

  if (tcpa && channelIs('phone', 'sms') && (p.automated ?? p.channel === 'sms')) {
    const kindNeeded = p.channel === 'sms' ? 'sms' : 'phone_automated';
    const consented = (ctx.consents ?? []).some((c) => {
      if (c.channel !== kindNeeded || p.address === undefined || !same(c.address, p.address)) return false;
      if (c.effectiveAt > t || (c.revokedAt !== undefined && c.revokedAt <= t)) return false;
      const stopped = (ctx.optOuts ?? []).some(
        (o) =>
          (o.channel === 'sms' || o.channel === 'phone') &&
          o.effectiveAt >= c.effectiveAt &&
          o.effectiveAt <= t &&
          (o.address === undefined || same(o.address, c.address)),
      );
      return !stopped;
    });
    if (!consented) codes.push('consent_missing');
  }

  if (b2b) b2bCodes(ctx.b2bSettings, codes);
  return codes;

  function b2bCodes(settings: B2bSettings | undefined, out: string[]) {
    const hours = settings?.contactHours;
    const channels = hours?.channels ?? ['phone', 'sms', 'email', 'visit'];
    if (channels.includes(p.channel)) {
      const weekdays = (hours?.weekdays ?? [1, 2, 3, 4, 5]).map((iso) => iso % 7);
      if (!zonesKnown) out.push(timeZones.length === 0 ? 'time_zone_unknown' : 'time_zone_invalid');
      else if (!hoursOk(hhmm(hours?.start ?? '08:00'), hhmm(hours?.end ?? '18:00'), weekdays)) {
        out.push('outside_contact_hours');
      }
    }
    const caps: Partial<Record<Channel, number | null>> = { phone: 3, ...settings?.weeklyCaps };
    const cap = caps[p.channel];
    if (cap !== undefined && cap !== null && capReached([p.channel], cap)) out.push('weekly_cap');
  }
}
