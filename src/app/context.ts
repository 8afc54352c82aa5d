import { uuidv7 } from 'uuidv7';
import { localDate, type CalendarDate } from '../domain/dates.js';
import { DEFAULT_POLICY, type AllocationPolicy } from '../domain/ledger/allocate.js';
import type { Db } from '../store/database.js';

/** The one way use cases learn the time, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  return { now: () => at };
}

export type Role = 'admin' | 'manager' | 'collector' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'manager', 'collector', 'viewer'];

export interface OrganisationSettings {
  allocation: AllocationPolicy;
}

export const DEFAULT_SETTINGS: OrganisationSettings = { allocation: DEFAULT_POLICY };

/** Everything a use case needs: the database, whose data it is, and the time. */
export interface Ctx {
  db: Db;
  tenantId: string;
  timeZone: string;
  settings: OrganisationSettings;
  clock: Clock;
}

/** Today in the organisation's time zone: the default for dates a request leaves out. */
export function today(ctx: Ctx): CalendarDate {
  return localDate(ctx.clock.now(), ctx.timeZone);
}

export function newId(): string {
  return uuidv7();
}
