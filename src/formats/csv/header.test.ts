import { describe, expect, it } from 'vitest';
import { mapHeader } from './header.js';

const spec = {
  format: 'test-csv',
  columns: ['number', 'issue_date', 'total'],
  required: ['number', 'total'],
};

describe('mapHeader', () => {
  it('matches names trimmed and without regard to case', () => {
    const header = mapHeader([' Number', 'TOTAL ', 'issue_date'], spec);
    expect(header.problems).toEqual([]);
    expect([...header.position]).toEqual([
      ['number', 0],
      ['total', 1],
      ['issue_date', 2],
    ]);
  });

  it('names unknown, unnamed, repeated and missing columns', () => {
    const header = mapHeader(['amount', 'number', '', 'Number'], spec);
    expect(header.problems).toEqual([
      {
        field: 'amount',
        message: expect.stringMatching(/^is not a test-csv column \(number, issue_date, total\)/),
      },
      { field: 'column 3', message: 'the header has no name for this column' },
      { field: 'number', message: 'is named twice in the header (columns 2 and 4)' },
      { field: 'total', message: 'the header has no such column' },
    ]);
  });

  it('renames and ignores columns by mapping', () => {
    const header = mapHeader(['Invoice No', 'Amount', 'Note'], spec, {
      'invoice no': 'number',
      AMOUNT: 'Total',
      Note: '',
    });
    expect(header.problems).toEqual([]);
    expect(header.position.get('number')).toBe(0);
    expect(header.position.get('total')).toBe(1);
    expect(header.names).toEqual(['Invoice No', 'Amount', 'Note']);
  });

  it('refuses a mapping to a column the format does not have', () => {
    const header = mapHeader(['Amount', 'number'], spec, { Amount: 'sum' });
    expect(header.problems[0]).toEqual({
      field: 'Amount',
      message: 'is mapped to "sum", which is not a test-csv column (number, issue_date, total)',
    });
  });
});
