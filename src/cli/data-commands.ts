import type { Command } from 'commander';
import type { Ctx } from '../app/context.js';
import type { Config } from './config.js';

/** `recoup import` and `recoup seed`: wired when the import and seed use cases land. */
export function registerDataCommands(_program: Command, _config: Config, _log: (line: string) => void) {}

export async function seedIfEmpty(_ctx: Ctx, _log: (line: string) => void) {}
