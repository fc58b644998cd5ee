/**
 * Runs Dossier's entry points as real processes for the console and CLI tests: piped stdin, no platform
 * tokens, a private cache folder, and a temporary working directory so a developer's own `.env` is
 * never read.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VARIABLES } from '../../src/config/env.ts';
import { tempDir } from './tempDir.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_CORPUS = join(ROOT, 'data', 'articles');
const TSX = import.meta.resolve('tsx');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to stdin, which is then closed. */
  input?: string;
  /** Added to a clean environment (no Dossier variables, no tokens); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Working directory (default a new empty temporary folder). */
  cwd?: string;
}

export { tempDir };

export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(VARIABLES)) delete env[name];
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, { DOSSIER_CORPUS: SEED_CORPUS, DOSSIER_CACHE_DIR: tempDir('dossier-cache-'), LOG_LEVEL: 'warn' }, extra);
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Runs `src/main.ts` or `src/cli/main.ts` under tsx and collects its output and exit code. */
export function runScript(script: string, args: string[] = [], options: RunOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, join(ROOT, script), ...args], {
      cwd: options.cwd ?? tempDir('dossier-cwd-'),
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish in time; stderr: ${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the process may exit before reading all of its input
    child.stdin.end(options.input ?? '');
  });
}

export interface Started {
  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string;
  /** Waits until the output matches (or the time is up), and returns whether it did. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<boolean>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts a long-running entry point (a bot) the way runScript runs a short one: clean environment, own folder. */
export function startScript(script: string, options: Omit<RunOptions, 'input' | 'timeoutMs'> = {}): Started {
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, script)], {
    cwd: options.cwd ?? tempDir('dossier-cwd-'),
    env: cleanEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    output: () => out,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      return pattern.test(out);
    },
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
