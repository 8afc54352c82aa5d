import type { CalendarDate } from '../../dates.js';
import { RecoupError } from '../../errors.js';
import { BOE_BANK_RATE } from './boe-bank-rate.js';
import { BUNDESBANK_BASISZINSSATZ } from './bundesbank-basiszinssatz.js';
import { ECB_MRO } from './ecb-mro.js';
import type { RateSeries, RateSourceId } from './series.js';

export type { RateSeries, RateSourceId } from './series.js';

export const RATE_SERIES: Readonly<Record<RateSourceId, RateSeries>> = {
  boe_bank_rate: BOE_BANK_RATE,
  ecb_mro: ECB_MRO,
  de_basiszinssatz: BUNDESBANK_BASISZINSSATZ,
};

/** A reference rate as read on one day, with where it came from. */
export interface ReferenceRate {
  source: RateSourceId;
  /** The day the rule reads the rate on (31 December, 1 July, …). */
  on: CalendarDate;
  percent: string;
  /** The day that rate took effect. */
  since: CalendarDate;
  /** `on` is after the data's `knownThrough`: the last known rate stands in. */
  beyondData: boolean;
}

/** The rate in force on `on`; a date before the data starts is refused (`no_rate_data`). */
export function rateOn(series: RateSeries, on: CalendarDate): ReferenceRate {
  let found: (typeof series.changes)[number] | undefined;
  for (const change of series.changes) {
    if (change[0] > on) break;
    found = change;
  }
  if (!found) {
    const first = series.changes[0]?.[0] ?? 'its start';
    throw new RecoupError('rejected', 'no_rate_data', `${series.name} data starts on ${first}, after ${on}`, [
      { path: 'rule', message: `no ${series.id} rate for ${on}` },
    ]);
  }
  return {
    source: series.id,
    on,
    percent: found[1],
    since: found[0],
    beyondData: on > series.knownThrough,
  };
}
