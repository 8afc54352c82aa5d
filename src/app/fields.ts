/**
 * Field schemas shared by the API bodies and the CSV importers, so a column and a JSON field
 * accept exactly the same values.
 */
import { z } from 'zod';
import { isCurrency } from '../domain/currencies.js';
import { isCalendarDate, isTimeZone } from '../domain/dates.js';

export const currencyField = z
  .string()
  .refine(isCurrency, { message: 'must be an ISO 4217 currency code such as EUR' })
  .describe('ISO 4217 code');

export const dateField = z
  .string()
  .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .describe('YYYY-MM-DD');

export const instantField = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 instant with offset',
});

/** A date or an instant: `as_of` accepts both. */
export const asOfField = z.union([dateField, instantField]);

export const amountField = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, { message: 'must be a decimal string like "1234.56"' })
  .describe('decimal string in major units');

export const countryField = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code such as DE' });

export const timeZoneField = z
  .string()
  .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Paris' });

export const idField = z.uuid({ message: 'must be an id (UUID)' });

export const limitField = z.coerce.number().int().min(1).max(500).default(50);

export const cursorField = z.string().optional();
