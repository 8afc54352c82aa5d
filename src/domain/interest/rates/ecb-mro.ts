import type { RateSeries } from './series.js';

/**
 * ECB main refinancing operations rate (fixed rate; minimum bid rate while tenders were variable),
 * each change from the day it took effect (the Wednesday after the Governing Council's decision).
 * Source: European Central Bank, "Key ECB interest rates"
 * https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html
 * October 2008: the cut to 3.75 % is dated from 15 October, the first fixed-rate full-allotment tender.
 * Checked through 2026-02-05 (the Governing Council held the rates on 18 December 2025 and
 * 5 February 2026). To update: append the new change and move `knownThrough`.
 */
export const ECB_MRO: RateSeries = {
  id: 'ecb_mro',
  name: 'ECB main refinancing operations rate',
  source:
    'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html',
  knownThrough: '2026-02-05',
  changes: [
    ['2007-06-13', '4.00'],
    ['2008-07-09', '4.25'],
    ['2008-10-15', '3.75'],
    ['2008-11-12', '3.25'],
    ['2008-12-10', '2.50'],
    ['2009-01-21', '2.00'],
    ['2009-03-11', '1.50'],
    ['2009-04-08', '1.25'],
    ['2009-05-13', '1.00'],
    ['2011-04-13', '1.25'],
    ['2011-07-13', '1.50'],
    ['2011-11-09', '1.25'],
    ['2011-12-14', '1.00'],
    ['2012-07-11', '0.75'],
    ['2013-05-08', '0.50'],
    ['2013-11-13', '0.25'],
    ['2014-06-11', '0.15'],
    ['2014-09-10', '0.05'],
    ['2016-03-16', '0.00'],
    ['2022-07-27', '0.50'],
    ['2022-09-14', '1.25'],
    ['2022-11-02', '2.00'],
    ['2022-12-21', '2.50'],
    ['2023-02-08', '3.00'],
    ['2023-03-22', '3.50'],
    ['2023-05-10', '3.75'],
    ['2023-06-21', '4.00'],
    ['2023-08-02', '4.25'],
    ['2023-09-20', '4.50'],
    ['2024-06-12', '4.25'],
    ['2024-09-18', '3.65'],
    ['2024-10-23', '3.40'],
    ['2024-12-18', '3.15'],
    ['2025-02-05', '2.90'],
    ['2025-03-12', '2.65'],
    ['2025-04-23', '2.40'],
    ['2025-06-11', '2.15'],
  ],
};
