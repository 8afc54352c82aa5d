import type { Random } from './random.js';
import { STREETS } from './words.js';

/**
 * The countries demo customers live in: currency, language, cities with their time zone, and how
 * an address and a phone number look there. Phone numbers come only from ranges regulators keep
 * for drama and fiction (Ofcom, NANPA 555-01xx, Bundesnetzagentur, ARCEP, PTS), so demo data can
 * never reach a real person; countries without such a range get no phone.
 */
export interface City {
  name: string;
  zone: string;
  /** ISO 3166-2 subdivision without the country prefix, where the country uses one (US states). */
  region?: string;
  /** Postcode range (numeric countries) or prefix (GB, IE); see `postcode`. */
  postcode: string | [number, number];
  /** Overrides the country language (French-speaking Switzerland). */
  language?: string;
  areaCode?: string;
  /** How often customers live here, relative to the country's other cities (default 1). */
  weight?: number;
}

export interface Country {
  code: string;
  currency: string;
  language: string;
  /** How often customers come from here, before the home market is weighted up. */
  weight: number;
  cities: readonly City[];
  address(rng: Random, city: City, language: string): string;
  phone(rng: Random, city: City): string | null;
}

const digits = (rng: Random, count: number) =>
  Array.from({ length: count }, () => rng.int(0, 9).toString()).join('');

const numeric = (rng: Random, city: City, width: number) => {
  const [from, to] = city.postcode as [number, number];
  return rng.int(from, to).toString().padStart(width, '0');
};

const UK_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const letter = (rng: Random) => UK_LETTERS[rng.int(0, UK_LETTERS.length - 1)]!;

const street = (rng: Random, key: string) => rng.pick(STREETS[key]!);

export const COUNTRIES: readonly Country[] = [
  {
    code: 'GB',
    currency: 'GBP',
    language: 'en',
    weight: 20,
    cities: [
      { name: 'London', zone: 'Europe/London', postcode: 'EC' },
      { name: 'Leeds', zone: 'Europe/London', postcode: 'LS' },
      { name: 'Bristol', zone: 'Europe/London', postcode: 'BS' },
      { name: 'Manchester', zone: 'Europe/London', postcode: 'M' },
      { name: 'Glasgow', zone: 'Europe/London', postcode: 'G' },
      { name: 'Cardiff', zone: 'Europe/London', postcode: 'CF' },
      { name: 'Birmingham', zone: 'Europe/London', postcode: 'B' },
    ],
    address: (rng, city) =>
      `${rng.int(1, 220)} ${street(rng, 'en')}, ${city.name} ${city.postcode as string}${rng.int(1, 20)} ` +
      `${rng.int(1, 9)}${letter(rng)}${letter(rng)}, United Kingdom`,
    // Ofcom keeps 07700 900000-900999 and 020 7946 0000-0999 for drama.
    phone: (rng) => (rng.chance(0.6) ? `+447700900${digits(rng, 3)}` : `+442079460${digits(rng, 3)}`),
  },
  {
    code: 'IE',
    currency: 'EUR',
    language: 'en',
    weight: 4,
    cities: [
      { name: 'Dublin', zone: 'Europe/Dublin', postcode: 'D02' },
      { name: 'Cork', zone: 'Europe/Dublin', postcode: 'T12' },
      { name: 'Galway', zone: 'Europe/Dublin', postcode: 'H91' },
    ],
    address: (rng, city) =>
      `${rng.int(1, 120)} ${street(rng, 'en')}, ${city.name}, ${city.postcode as string} ` +
      `${letter(rng)}${digits(rng, 2)}${letter(rng)}, Ireland`,
    phone: () => null,
  },
  {
    code: 'DE',
    currency: 'EUR',
    language: 'de',
    weight: 16,
    cities: [
      { name: 'Berlin', zone: 'Europe/Berlin', postcode: [10115, 14199], areaCode: '3023125' },
      { name: 'Hamburg', zone: 'Europe/Berlin', postcode: [20095, 22769], areaCode: '4066969' },
      { name: 'München', zone: 'Europe/Berlin', postcode: [80331, 81929], areaCode: '8999998' },
      { name: 'Köln', zone: 'Europe/Berlin', postcode: [50667, 51149], areaCode: '2214710' },
      { name: 'Frankfurt am Main', zone: 'Europe/Berlin', postcode: [60306, 60599], areaCode: '6990009' },
      { name: 'Leipzig', zone: 'Europe/Berlin', postcode: [4103, 4357] },
      { name: 'Stuttgart', zone: 'Europe/Berlin', postcode: [70173, 70629] },
    ],
    address: (rng, city) =>
      `${street(rng, 'de')} ${rng.int(1, 140)}, ${numeric(rng, city, 5)} ${city.name}, Deutschland`,
    // Bundesnetzagentur keeps a block of 1,000 numbers in several cities for film and television.
    phone: (rng, city) => `+49${city.areaCode ?? '3023125'}${digits(rng, 3)}`,
  },
  {
    code: 'FR',
    currency: 'EUR',
    language: 'fr',
    weight: 11,
    cities: [
      { name: 'Paris', zone: 'Europe/Paris', postcode: [75001, 75020] },
      { name: 'Lyon', zone: 'Europe/Paris', postcode: [69001, 69009] },
      { name: 'Marseille', zone: 'Europe/Paris', postcode: [13001, 13016] },
      { name: 'Toulouse', zone: 'Europe/Paris', postcode: [31000, 31500] },
      { name: 'Bordeaux', zone: 'Europe/Paris', postcode: [33000, 33800] },
      { name: 'Lille', zone: 'Europe/Paris', postcode: [59000, 59800] },
      { name: 'Nantes', zone: 'Europe/Paris', postcode: [44000, 44300] },
    ],
    address: (rng, city) =>
      `${rng.int(1, 90)} ${street(rng, 'fr')}, ${numeric(rng, city, 5)} ${city.name}, France`,
    // ARCEP keeps 01 99 00 xx xx and 06 39 98 xx xx for fiction.
    phone: (rng) => (rng.chance(0.5) ? `+3319900${digits(rng, 4)}` : `+3363998${digits(rng, 4)}`),
  },
  {
    code: 'NL',
    currency: 'EUR',
    language: 'nl',
    weight: 5,
    cities: [
      { name: 'Amsterdam', zone: 'Europe/Amsterdam', postcode: [1011, 1109] },
      { name: 'Rotterdam', zone: 'Europe/Amsterdam', postcode: [3011, 3089] },
      { name: 'Utrecht', zone: 'Europe/Amsterdam', postcode: [3511, 3585] },
      { name: 'Eindhoven', zone: 'Europe/Amsterdam', postcode: [5611, 5658] },
    ],
    address: (rng, city) =>
      `${street(rng, 'nl')} ${rng.int(1, 200)}, ${numeric(rng, city, 4)} ${letter(rng)}${letter(rng)} ` +
      `${city.name}, Nederland`,
    phone: () => null,
  },
  {
    code: 'ES',
    currency: 'EUR',
    language: 'es',
    weight: 4,
    cities: [
      { name: 'Madrid', zone: 'Europe/Madrid', postcode: [28001, 28055] },
      { name: 'Barcelona', zone: 'Europe/Madrid', postcode: [8001, 8042] },
      { name: 'Valencia', zone: 'Europe/Madrid', postcode: [46001, 46026] },
      { name: 'Sevilla', zone: 'Europe/Madrid', postcode: [41001, 41020] },
    ],
    address: (rng, city) =>
      `${street(rng, 'es')} ${rng.int(1, 150)}, ${numeric(rng, city, 5)} ${city.name}, España`,
    phone: () => null,
  },
  {
    code: 'CH',
    currency: 'CHF',
    language: 'de',
    weight: 3,
    cities: [
      { name: 'Zürich', zone: 'Europe/Zurich', postcode: [8001, 8057] },
      { name: 'Basel', zone: 'Europe/Zurich', postcode: [4001, 4059] },
      { name: 'Bern', zone: 'Europe/Zurich', postcode: [3001, 3030] },
      { name: 'Genève', zone: 'Europe/Zurich', postcode: [1201, 1209], language: 'fr' },
      { name: 'Lausanne', zone: 'Europe/Zurich', postcode: [1003, 1018], language: 'fr' },
    ],
    address: (rng, city, language) =>
      `${street(rng, language === 'fr' ? 'fr' : 'ch')} ${rng.int(1, 80)}, ${numeric(rng, city, 4)} ` +
      `${city.name}, ${language === 'fr' ? 'Suisse' : 'Schweiz'}`,
    phone: () => null,
  },
  {
    code: 'SE',
    currency: 'SEK',
    language: 'sv',
    weight: 3,
    cities: [
      { name: 'Stockholm', zone: 'Europe/Stockholm', postcode: [11120, 11895] },
      { name: 'Göteborg', zone: 'Europe/Stockholm', postcode: [41101, 41879] },
      { name: 'Malmö', zone: 'Europe/Stockholm', postcode: [21115, 21774] },
      { name: 'Uppsala', zone: 'Europe/Stockholm', postcode: [75220, 75759] },
    ],
    address: (rng, city) => {
      const code = numeric(rng, city, 5);
      return `${street(rng, 'sv')} ${rng.int(1, 60)}, ${code.slice(0, 3)} ${code.slice(3)} ${city.name}, Sverige`;
    },
    // PTS keeps 070-174 06 05 to 070-174 06 99 for fiction.
    phone: (rng) => `+46701740${rng.int(605, 699)}`,
  },
  {
    code: 'US',
    currency: 'USD',
    language: 'en',
    weight: 18,
    cities: [
      {
        name: 'Boston',
        weight: 3,
        zone: 'America/New_York',
        region: 'MA',
        postcode: [2108, 2137],
        areaCode: '617',
      },
      { name: 'Worcester', zone: 'America/New_York', region: 'MA', postcode: [1601, 1610], areaCode: '508' },
      {
        name: 'New York',
        weight: 3,
        zone: 'America/New_York',
        region: 'NY',
        postcode: [10001, 10040],
        areaCode: '212',
      },
      {
        name: 'Brooklyn',
        weight: 2,
        zone: 'America/New_York',
        region: 'NY',
        postcode: [11201, 11239],
        areaCode: '718',
      },
      { name: 'Miami', zone: 'America/New_York', region: 'FL', postcode: [33125, 33199], areaCode: '305' },
      {
        name: 'Chicago',
        weight: 2,
        zone: 'America/Chicago',
        region: 'IL',
        postcode: [60601, 60661],
        areaCode: '312',
      },
      { name: 'Austin', zone: 'America/Chicago', region: 'TX', postcode: [78701, 78759], areaCode: '512' },
      { name: 'Denver', zone: 'America/Denver', region: 'CO', postcode: [80202, 80239], areaCode: '303' },
      {
        name: 'Los Angeles',
        weight: 3,
        zone: 'America/Los_Angeles',
        region: 'CA',
        postcode: [90001, 90089],
        areaCode: '213',
      },
      {
        name: 'San Francisco',
        weight: 2,
        zone: 'America/Los_Angeles',
        region: 'CA',
        postcode: [94102, 94134],
        areaCode: '415',
      },
      {
        name: 'Seattle',
        zone: 'America/Los_Angeles',
        region: 'WA',
        postcode: [98101, 98199],
        areaCode: '206',
      },
    ],
    address: (rng, city) =>
      `${rng.int(10, 9800)} ${street(rng, 'us')}, ${city.name}, ${city.region!} ${numeric(rng, city, 5)}, USA`,
    // NANPA keeps 555-0100 to 555-0199 in every area code for fiction.
    phone: (rng, city) => `+1${city.areaCode ?? '212'}55501${digits(rng, 2)}`,
  },
  {
    code: 'JP',
    currency: 'JPY',
    language: 'ja',
    weight: 3,
    cities: [
      { name: 'Chiyoda-ku, Tokyo', zone: 'Asia/Tokyo', postcode: [1000001, 1000014] },
      { name: 'Shibuya-ku, Tokyo', zone: 'Asia/Tokyo', postcode: [1500001, 1500047] },
      { name: 'Kita-ku, Osaka', zone: 'Asia/Tokyo', postcode: [5300001, 5300057] },
      { name: 'Naka-ku, Nagoya', zone: 'Asia/Tokyo', postcode: [4600001, 4600026] },
    ],
    address: (rng, city) => {
      const code = numeric(rng, city, 7);
      return (
        `${rng.int(1, 9)}-${rng.int(1, 20)}-${rng.int(1, 30)} ${street(rng, 'ja')}, ${city.name} ` +
        `${code.slice(0, 3)}-${code.slice(3)}, Japan`
      );
    },
    phone: () => null,
  },
];
