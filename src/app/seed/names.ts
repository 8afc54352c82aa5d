import type { Random } from './random.js';
import { FIRST_NAMES, LAST_NAMES, LEGAL_FORMS, PUBLIC_BODIES, STEMS, TRADES } from './words.js';

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function personName(rng: Random, language: string): PersonName {
  const key = nameKey(language);
  const first = rng.pick(FIRST_NAMES[key]!);
  // Spanish names usually carry both family names.
  const last =
    key === 'es' ? `${rng.pick(LAST_NAMES.es!)} ${rng.pick(LAST_NAMES.es!)}` : rng.pick(LAST_NAMES[key]!);
  return { first, last, full: `${first} ${last}` };
}

/**
 * A company name in the customer's language and legal form, e.g. "Harbour Freight Ltd", and the
 * brand without the legal form ("Harbour Freight"), which makes the e-mail domain.
 */
export function companyName(rng: Random, country: string, language: string): { name: string; brand: string } {
  const key = nameKey(language);
  const stem = rng.pick(STEMS[key]!);
  const trade = rng.pick(TRADES[key]!);
  const forms =
    country === 'CH' && key === 'fr' ? LEGAL_FORMS.CH_FR! : (LEGAL_FORMS[country] ?? LEGAL_FORMS.GB!);
  const form = rng.weighted(forms);
  const brand =
    key === 'fr' || key === 'es'
      ? `${trade} ${stem}`
      : (key === 'sv' || key === 'de') && rng.chance(0.5)
        ? `${stem}${trade.toLowerCase()}`
        : `${stem} ${trade}`;
  return { name: `${brand} ${form}`, brand };
}

export function publicBodyName(rng: Random, country: string, language: string, city: string): string {
  const shortCity = city.split(',').at(-1)!.trim();
  const names =
    country === 'CH' && language === 'fr'
      ? PUBLIC_BODIES.CH_FR!
      : (PUBLIC_BODIES[country] ?? PUBLIC_BODIES.GB!);
  return rng.pick(names).replace('{city}', shortCity);
}

/** Lower-case ASCII letters and digits: ("Müller Söhne", "-") → "muller-sohne", for e-mail addresses. */
export function asciiSlug(text: string, separator = ''): string {
  return text
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((part) => part.length > 0)
    .join(separator);
}

function nameKey(language: string): string {
  const key = language.slice(0, 2);
  return key in FIRST_NAMES ? key : 'en';
}
