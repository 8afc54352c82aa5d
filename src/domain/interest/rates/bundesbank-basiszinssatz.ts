import type { RateSeries } from './series.js';

/**
 * Basiszinssatz nach § 247 BGB, set on 1 January and 1 July of each year (it moves by as many
 * points as the ECB's latest main refinancing rate before that day moved since the last change).
 * Source: Deutsche Bundesbank, "Basiszinssatz nach § 247 BGB"
 * https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820
 * Every half-year is listed, changed or not, so each period names its own publication.
 * Checked through 2026-06-30: 1.27 % from 1 January 2026 (announced 24 December 2025); the
 * 1 July 2026 rate was not yet known. To update: append the new half-year and move `knownThrough`.
 */
export const BUNDESBANK_BASISZINSSATZ: RateSeries = {
  id: 'de_basiszinssatz',
  name: 'Deutsche Bundesbank Basiszinssatz (§ 247 BGB)',
  source: 'https://www.bundesbank.de/de/bundesbank/organisation/agb-und-regelungen/basiszinssatz-607820',
  knownThrough: '2026-06-30',
  changes: [
    ['2008-01-01', '3.32'],
    ['2008-07-01', '3.19'],
    ['2009-01-01', '1.62'],
    ['2009-07-01', '0.12'],
    ['2010-01-01', '0.12'],
    ['2010-07-01', '0.12'],
    ['2011-01-01', '0.12'],
    ['2011-07-01', '0.37'],
    ['2012-01-01', '0.12'],
    ['2012-07-01', '0.12'],
    ['2013-01-01', '-0.13'],
    ['2013-07-01', '-0.38'],
    ['2014-01-01', '-0.63'],
    ['2014-07-01', '-0.73'],
    ['2015-01-01', '-0.83'],
    ['2015-07-01', '-0.83'],
    ['2016-01-01', '-0.83'],
    ['2016-07-01', '-0.88'],
    ['2017-01-01', '-0.88'],
    ['2017-07-01', '-0.88'],
    ['2018-01-01', '-0.88'],
    ['2018-07-01', '-0.88'],
    ['2019-01-01', '-0.88'],
    ['2019-07-01', '-0.88'],
    ['2020-01-01', '-0.88'],
    ['2020-07-01', '-0.88'],
    ['2021-01-01', '-0.88'],
    ['2021-07-01', '-0.88'],
    ['2022-01-01', '-0.88'],
    ['2022-07-01', '-0.88'],
    ['2023-01-01', '1.62'],
    ['2023-07-01', '3.12'],
    ['2024-01-01', '3.62'],
    ['2024-07-01', '3.37'],
    ['2025-01-01', '2.27'],
    ['2025-07-01', '1.27'],
    ['2026-01-01', '1.27'],
  ],
};
