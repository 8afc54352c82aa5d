import type { Command } from 'commander';
import type { Config } from './config.js';

// Commands to come (this session's work in progress).
export function registerAnalyticsCommands(_program: Command, _config: Config, _log: (line: string) => void) {}
