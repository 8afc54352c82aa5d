import { addDays, daysBetween, type CalendarDate } from '../../domain/dates.js';
import { COUNTRIES, type City, type Country } from './countries.js';
import { asciiSlug, companyName, personName, publicBodyName } from './names.js';
import type { Random } from './random.js';
import type { CustomerRow, TermsRow } from './rows.js';

export type PayerProfile = 'prompt' | 'a_bit_late' | 'chronic_late' | 'non_payer';

/** A demo customer: the row to import and the hidden habits that drive its invoice history. */
export interface DemoCustomer {
  index: number;
  row: CustomerRow;
  profile: PayerProfile;
  cadence: 'monthly' | 'irregular';
  /** A typical invoice, in euros; each invoice varies around it unless the price is fixed. */
  typicalEuros: number;
  fixedPrice: boolean;
  terms: TermsRow;
  /** Invoiced from `since` to `until` (customers join and leave). */
  since: CalendarDate;
  until: CalendarDate;
  /** Non-payers: the day money stopped coming. */
  stoppedPaying: CalendarDate | null;
  /** Pays from abroad and the bank keeps a charge, so transfers arrive a little short. */
  shortPays: boolean;
  method: string;
  dayOfMonth: number;
}

export interface CustomerContext {
  today: CalendarDate;
  /** First day of the history (two years back). */
  start: CalendarDate;
  mainCurrency: string;
  countries: readonly (readonly [Country, number])[];
  usedNames: Set<string>;
  usedEmails: Set<string>;
}

const PROFILES: readonly (readonly [PayerProfile, number])[] = [
  ['prompt', 55],
  ['a_bit_late', 25],
  ['chronic_late', 15],
  ['non_payer', 5],
];

/** Public bodies pay slowly but surely. */
const PUBLIC_PROFILES: readonly (readonly [PayerProfile, number])[] = [
  ['prompt', 45],
  ['a_bit_late', 45],
  ['chronic_late', 10],
];

const BUSINESS_TERMS: readonly (readonly [TermsRow, number])[] = [
  [{ net_days: 30 }, 45],
  [{ net_days: 14 }, 20],
  [{ net_days: 30, discount_percent: '2', discount_days: 10 }, 12],
  [{ net_days: 60 }, 8],
  [{ net_days: 30, end_of_month: true }, 8],
  [{ net_days: 7 }, 7],
];

const CONSUMER_TERMS: readonly (readonly [TermsRow, number])[] = [
  [{ net_days: 14 }, 70],
  [{ net_days: 30 }, 15],
  [{ net_days: 7 }, 15],
];

const LEDGER_MAILBOX: Record<string, readonly string[]> = {
  en: ['accounts', 'accounts.payable', 'finance', 'invoices'],
  de: ['buchhaltung', 'rechnungen'],
  fr: ['comptabilite', 'factures'],
  nl: ['administratie', 'facturen'],
  es: ['contabilidad', 'facturas'],
  sv: ['ekonomi', 'faktura'],
  ja: ['keiri', 'accounts'],
};

const MAIL_PROVIDERS = ['mail.example', 'post.example', 'inbox.example', 'webmail.example'];

/**
 * Country weights for an organisation whose books are in `mainCurrency`: its home market brings
 * a little over half the customers, the rest come from abroad.
 */
export function countryWeights(mainCurrency: string): [Country, number][] {
  const home = COUNTRIES.filter((c) => c.currency === mainCurrency).reduce((sum, c) => sum + c.weight, 0);
  const abroad = COUNTRIES.filter((c) => c.currency !== mainCurrency).reduce((sum, c) => sum + c.weight, 0);
  const boost = home > 0 ? Math.max(1, (1.2 * abroad) / home) : 1;
  return COUNTRIES.map((c) => [c, c.currency === mainCurrency ? c.weight * boost : c.weight]);
}

export function generateCustomer(rng: Random, index: number, context: CustomerContext): DemoCustomer {
  const country = rng.weighted(context.countries);
  const city = rng.weighted(country.cities.map((c) => [c, c.weight ?? 1] as const));
  const language = city.language ?? country.language;
  const kind = rng.chance(0.7) ? 'business' : 'consumer';
  const homeMarketExists = context.countries.some(([c]) => c.currency === context.mainCurrency);
  const invoicedInMain =
    country.currency !== context.mainCurrency &&
    rng.chance(kind === 'business' ? (homeMarketExists ? 0.35 : 0.7) : homeMarketExists ? 0 : 0.5);
  const since = rng.chance(0.55) ? context.start : addDays(context.start, rng.int(0, 710));
  const tags: string[] = [];
  if (daysBetween(since, context.today) <= 90) tags.push('new');
  const base = {
    index,
    since,
    dayOfMonth: rng.int(1, 28),
    shortPays: kind === 'business' && (invoicedInMain ? rng.chance(0.15) : rng.chance(0.02)),
  };
  const customer =
    kind === 'business'
      ? business(rng, country, city, language, tags, context)
      : consumer(rng, country, city, language, tags, context);
  const until = leaves(rng, since, context.today);
  const stoppedPaying =
    customer.profile === 'non_payer'
      ? addDays(since, rng.int(0, Math.max(0, daysBetween(since, addDays(context.today, -100)))))
      : null;
  return {
    ...base,
    ...customer,
    row: {
      external_id: `C${String(index + 1).padStart(5, '0')}`,
      kind,
      country: country.code,
      region: city.region ?? null,
      language,
      // Public bodies pay in their own currency.
      currency: invoicedInMain && !tags.includes('public_sector') ? context.mainCurrency : country.currency,
      address: country.address(rng, city, language),
      phone: kind === 'consumer' || rng.chance(0.85) ? country.phone(rng, city) : null,
      tags,
      ...customer.row,
    },
    // A supplier stops invoicing a customer who stopped paying, a few months later.
    until:
      stoppedPaying && addDays(stoppedPaying, 120) < until ? addDays(stoppedPaying, rng.int(45, 120)) : until,
    stoppedPaying,
  };
}

/** One customer in ten leaves; the others are still invoiced today. */
function leaves(rng: Random, since: CalendarDate, today: CalendarDate): CalendarDate {
  const lastPossible = addDays(today, -45);
  if (daysBetween(since, lastPossible) < 90 || !rng.chance(0.1)) return today;
  return addDays(since, rng.int(90, daysBetween(since, lastPossible)));
}

type Habits = Omit<
  DemoCustomer,
  'index' | 'since' | 'until' | 'stoppedPaying' | 'shortPays' | 'dayOfMonth' | 'row'
> & {
  row: Pick<CustomerRow, 'name' | 'email' | 'time_zones'>;
};

function business(
  rng: Random,
  country: Country,
  city: City,
  language: string,
  tags: string[],
  context: CustomerContext,
): Habits {
  const publicSector = rng.chance(0.08);
  const draw = () => {
    if (!publicSector) return companyName(rng, country.code, language);
    const name = publicBodyName(rng, country.code, language, city.name);
    return { name, brand: name };
  };
  const first = draw();
  let brand = first.brand;
  const name = unique(context.usedNames, first.name, (attempt) => {
    const next = draw();
    brand = next.brand;
    return attempt < 10 ? next.name : `${next.name} (${city.name.split(',')[0]!} ${attempt})`;
  });
  let typicalEuros = Math.min(60_000, Math.max(40, rng.logNormal(900, 0.9)));
  if (publicSector) tags.push('public_sector');
  else if (rng.chance(0.1)) {
    tags.push('key_account');
    typicalEuros *= 5;
  }
  if (rng.chance(0.1)) tags.push('wholesale');
  const cadence = rng.chance(0.6) ? 'monthly' : 'irregular';
  const domain = asciiSlug(brand, '-');
  const mailbox = rng.pick(LEDGER_MAILBOX[language.slice(0, 2)] ?? LEDGER_MAILBOX.en!);
  return {
    profile: rng.weighted(publicSector ? PUBLIC_PROFILES : PROFILES),
    cadence,
    typicalEuros,
    fixedPrice: cadence === 'monthly' && rng.chance(0.5),
    terms: publicSector ? rng.pick([{ net_days: 30 }, { net_days: 60 }]) : rng.weighted(BUSINESS_TERMS),
    method:
      country.code === 'US'
        ? rng.weighted([
            ['ach', 60],
            ['cheque', 25],
            ['card', 15],
          ])
        : rng.weighted([
            ['bank_transfer', 90],
            ['card', 10],
          ]),
    row: {
      name,
      email: unique(
        context.usedEmails,
        `${mailbox}@${domain}.example`,
        (n) => `${mailbox}@${domain}-${n + 1}.example`,
      ),
      time_zones: zones(rng, country, city, publicSector ? 0 : 0.15),
    },
  };
}

function consumer(
  rng: Random,
  country: Country,
  city: City,
  language: string,
  tags: string[],
  context: CustomerContext,
): Habits {
  const person = personName(rng, language);
  const cadence = rng.chance(0.7) ? 'monthly' : 'irregular';
  const method =
    country.code === 'US'
      ? rng.weighted([
          ['card', 60],
          ['ach', 30],
          ['cheque', 10],
        ])
      : country.code === 'JP'
        ? rng.weighted([
            ['bank_transfer', 60],
            ['card', 40],
          ])
        : rng.weighted([
            ['direct_debit', 45],
            ['card', 35],
            ['bank_transfer', 20],
          ]);
  if (method === 'direct_debit') tags.push('direct_debit');
  if (rng.chance(0.4)) tags.push('paperless');
  if (rng.chance(0.03)) tags.push('vulnerable');
  const local = `${asciiSlug(person.first)}.${asciiSlug(person.last)}`;
  const provider = rng.pick(MAIL_PROVIDERS);
  return {
    // Direct debits are collected on the due date, so those customers are mostly on time.
    profile: method === 'direct_debit' && rng.chance(0.6) ? 'prompt' : rng.weighted(PROFILES),
    cadence,
    typicalEuros: cadence === 'monthly' ? rng.logNormal(55, 0.5) : rng.logNormal(220, 0.8),
    fixedPrice: cadence === 'monthly' && rng.chance(0.8),
    terms: rng.weighted(CONSUMER_TERMS),
    method,
    row: {
      name: person.full,
      email: unique(context.usedEmails, `${local}@${provider}`, (n) => `${local}${n + 1}@${provider}`),
      time_zones: zones(rng, country, city, 0.03),
    },
  };
}

/**
 * The city's zone, and sometimes a second one: an office on another coast of a country with
 * several zones, more rarely one abroad (London, New York).
 */
function zones(rng: Random, country: Country, city: City, secondChance: number): string[] {
  const domestic = [...new Set(country.cities.map((c) => c.zone))].filter((zone) => zone !== city.zone);
  const candidates = domestic.length > 0 ? domestic : ['Europe/London', 'America/New_York'];
  const chance = domestic.length > 0 ? secondChance : secondChance / 4;
  const second = rng.chance(chance) ? rng.pick(candidates) : city.zone;
  return second === city.zone ? [city.zone] : [city.zone, second];
}

/** `first` if unused, else `next(1)`, `next(2)`, ... until one is unused. */
function unique(used: Set<string>, first: string, next: (attempt: number) => string): string {
  let value = first;
  for (let attempt = 1; used.has(value); attempt++) value = next(attempt);
  used.add(value);
  return value;
}
