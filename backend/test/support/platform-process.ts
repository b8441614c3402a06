import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';

/** The compiled server, seen from this file in the sources; a caller that runs compiled passes its own. */
export const PLATFORM_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/backend/src/main.js');

export interface PlatformExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PlatformProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Settles once the process has exited. */
  exited: Promise<PlatformExit>;
  /** Everything the process printed so far. */
  output(): string;
  /** Whether it still runs (else how it ended) and the end of its output: what a failure message shows. */
  report(chars?: number): string;
  /** Resolves once the output matches. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves once GET /api/health answers 200; fails if the process exits first. */
  waitForHealth(timeoutMs: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnPlatformOptions {
  /** The process's whole environment, PORT included: nothing else is inherited. */
  env: NodeJS.ProcessEnv;
  /** The PORT in `env`, for `baseUrl`. */
  port: number;
  main?: string;
  nodeArgs?: string[];
  cwd?: string;
  /** Each line the process prints, as it prints it (blank lines left out). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/**
 * The compiled platform as a child process, as production runs it: the tests that SIGKILL it
 * mid-work, the API bench and the browser tests all start it here. Answers at once; wait with
 * `waitForOutput` or `waitForHealth`.
 */
export function spawnPlatform(options: SpawnPlatformOptions): PlatformProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.main ?? PLATFORM_MAIN], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  for (const [name, stream] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ] as const) {
    let partial = '';
    const emit = (line: string): void => {
      if (line.trim() !== '') options.onLine?.(line, name);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output += chunk;
      if (options.onLine) {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach(emit);
      }
      for (const listener of listeners) listener();
    });
    stream.on('end', () => emit(partial));
  }
  const exited = new Promise<PlatformExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const baseUrl = `http://localhost:${options.port}`;
  const report = (chars = 4000): string => {
    const ended = child.exitCode !== null || child.signalCode !== null;
    const state = ended ? `exited with code ${String(child.exitCode)} (signal ${String(child.signalCode)})` : 'still running';
    return `${baseUrl}: ${state}; the end of its output:\n${output.slice(-chars)}`;
  };
  return {
    baseUrl,
    child,
    exited,
    output: () => output,
    report,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(output)) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no output matching ${pattern} within ${timeoutMs} ms; got:\n${output.slice(-3000)}`));
        }, timeoutMs);
        const onExit = (): void => {
          cleanup();
          reject(new Error(`the platform exited before printing ${pattern}:\n${output.slice(-3000)}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async waitForHealth(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let exit: PlatformExit | undefined;
      void exited.then((value) => (exit = value));
      let last = '';
      while (Date.now() < deadline) {
        if (exit) throw new Error(`server exited before answering /api/health: ${report()}`);
        try {
          const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
          const text = await response.text();
          if (response.status === 200) return;
          last = `${response.status} ${text}`;
        } catch (error) {
          last = String(error);
        }
        await sleep(200);
      }
      throw new Error(`server did not answer /api/health with 200 within ${timeoutMs / 1000} s (last: ${last}): ${report()}`);
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * The compiled backend (built by build-setup.ts) as its own process, so a test can SIGKILL it
 * mid-work and start another on the same database, as a crash and a restart would.
 */
export async function startPlatformProcess(env: Record<string, string>): Promise<PlatformProcess> {
  const port = await freePort();
  const platform = spawnPlatform({
    port,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'log',
      HOST: '127.0.0.1',
      PORT: String(port),
      CHAIN_PORT: '0',
      ...env,
    },
  });
  // As long as the callers' health waits: a boot (migrations, contracts, routes) on a machine busy
  // with other tiers took longer than the 30 s default once.
  await platform.waitForOutput(/listening on http|worker: running/, 120_000);
  return platform;
}
