import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The real `recoup` command as a child process (`node bin/recoup.mjs …`), for tests that must
 * see what a separate process does: exit codes, signals, what it leaves behind when killed.
 */
export interface CliProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves when the process has exited (and its output is read), however it ended. */
  readonly exited: Promise<CliExit>;
  /**
   * Resolves with the milliseconds since the start at which `ready` first said yes (polled
   * every 25 ms), or null when the process ended first or no `ready` was given.
   */
  readonly ready: Promise<number | null>;
}

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from the start to the end. */
  ms: number;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  /** Says when the process has reached some point (it opened the database, say). */
  ready?: (pid: number) => Promise<boolean> | boolean;
}

const bin = path.resolve('bin/recoup.mjs');

/** Starts `recoup <args>` with exactly `env` (nothing is inherited that the caller leaves out). */
export function spawnCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: SpawnOptions = {},
): CliProcess {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start recoup ${args.join(' ')}`);
  const pid = child.pid;
  let out = '';
  let err = '';
  let done = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once('error', reject);
    // 'close', not 'exit': the output pipes are drained too.
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal, ms: performance.now() - started, stdout: out, stderr: err });
    });
  });
  const { ready: probe } = options;
  const ready = probe
    ? (async () => {
        while (!done) {
          if (await Promise.resolve(probe(pid)).catch(() => false))
            return done ? null : performance.now() - started;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return null;
      })()
    : Promise.resolve(null);
  return { child, pid, exited, ready };
}

/** Runs `recoup <args>` to its end; throws with its output when it fails or takes too long. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<CliExit & { readyMs: number | null }> {
  const cli = spawnCli(args, env, options);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
  const exit = await cli.exited.finally(() => clearTimeout(timer));
  if (exit.code !== 0)
    throw new Error(
      `recoup ${args.join(' ')} ended with ${exit.signal ?? `code ${exit.code}`} after ${Math.round(exit.ms)} ms\n` +
        `stdout: ${exit.stdout}\nstderr: ${exit.stderr}`,
    );
  return { ...exit, readyMs: await cli.ready };
}

/**
 * Starts `recoup <args>` and SIGKILLs it `afterMs` after its start, or after `ready` said yes
 * when given, unless it has ended by then. `killed` says whether the kill happened: a process
 * that finished first was not interrupted.
 */
export async function runCliAndKill(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  afterMs: number,
  options: SpawnOptions = {},
): Promise<CliExit & { killed: boolean; pid: number; readyMs: number | null }> {
  const cli = spawnCli(args, env, options);
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = (readyMs: number | null) => {
    if (ended || (options.ready && readyMs === null)) return;
    timer = setTimeout(() => {
      if (!ended) cli.child.kill('SIGKILL');
    }, afterMs);
  };
  if (options.ready) void cli.ready.then(arm);
  else arm(null);
  const exit = await cli.exited;
  ended = true;
  clearTimeout(timer);
  return { ...exit, killed: exit.signal === 'SIGKILL', pid: cli.pid, readyMs: await cli.ready };
}
