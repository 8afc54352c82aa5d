import type { RateSeries } from './series.js';

/**
 * Bank of England Bank Rate ("base rate"), each change from the day it took effect.
 * Source: Bank of England, "Official Bank Rate history"
 * https://www.bankofengland.co.uk/boeapps/database/Bank-Rate.asp
 * Checked through 2026-03-19 (the MPC held at 3.75 % on 5 February and 19 March 2026).
 * To update: append the new change and move `knownThrough` to the date you checked.
 */
export const BOE_BANK_RATE: RateSeries = {
  id: 'boe_bank_rate',
  name: 'Bank of England Bank Rate',
  source: 'https://www.bankofengland.co.uk/boeapps/database/Bank-Rate.asp',
  knownThrough: '2026-03-19',
  changes: [
    ['2007-12-06', '5.50'],
    ['2008-02-07', '5.25'],
    ['2008-04-10', '5.00'],
    ['2008-10-08', '4.50'],
    ['2008-11-06', '3.00'],
    ['2008-12-04', '2.00'],
    ['2009-01-08', '1.50'],
    ['2009-02-05', '1.00'],
    ['2009-03-05', '0.50'],
    ['2016-08-04', '0.25'],
    ['2017-11-02', '0.50'],
    ['2018-08-02', '0.75'],
    ['2020-03-11', '0.25'],
    ['2020-03-19', '0.10'],
    ['2021-12-16', '0.25'],
    ['2022-02-03', '0.50'],
    ['2022-03-17', '0.75'],
    ['2022-05-05', '1.00'],
    ['2022-06-16', '1.25'],
    ['2022-08-04', '1.75'],
    ['2022-09-22', '2.25'],
    ['2022-11-03', '3.00'],
    ['2022-12-15', '3.50'],
    ['2023-02-02', '4.00'],
    ['2023-03-23', '4.25'],
    ['2023-05-11', '4.50'],
    ['2023-06-22', '5.00'],
    ['2023-08-03', '5.25'],
    ['2024-08-01', '5.00'],
    ['2024-11-07', '4.75'],
    ['2025-02-06', '4.50'],
    ['2025-05-08', '4.25'],
    ['2025-08-07', '4.00'],
    ['2025-12-18', '3.75'],
  ],
};
