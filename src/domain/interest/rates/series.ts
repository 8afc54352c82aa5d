import type { CalendarDate } from '../../dates.js';

export type RateSourceId = 'boe_bank_rate' | 'ecb_mro' | 'de_basiszinssatz';

/**
 * A reference rate's history as data: each change with the date it took effect and the new rate
 * in percent. `knownThrough` is the last date the data was checked against its source: the rate
 * is known to hold until then; a later date uses the last rate and says so (`beyondData`).
 */
export interface RateSeries {
  id: RateSourceId;
  name: string;
  source: string;
  knownThrough: CalendarDate;
  changes: readonly (readonly [effectiveFrom: CalendarDate, percent: string])[];
}
