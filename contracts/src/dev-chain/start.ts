import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDevChainOptions, type DevChainCommand, type DevChainMessage, type DevChainOptions } from './options.js';

export interface DevChain {
  /** JSON-RPC over HTTP (and WebSocket on the same port). */
  readonly url: string;
  readonly chainId: number;
  /** The funded development accounts, unlocked on the node (eth_sendTransaction). */
  readonly accounts: readonly string[];
  /** The chain process. */
  readonly pid: number;
  /** Journal entries replayed on start (0 for a new chain). */
  readonly replayed: number;
  /** Milliseconds from fork to serving. */
  readonly startupMs: number;
  /** Stops the chain process; its state stays in the data folder. */
  stop(): Promise<void>;
}

const PID_FILE = 'dev-chain.pid';
const SERVER = 'server';

/**
 * Starts a development chain: Hardhat's EDR network serving JSON-RPC on host:port (CORS open for browser
 * wallets), automining, with funded deterministic accounts. It runs in a child process, so it never blocks
 * the caller's event loop, and the child exits when the caller does, even when the caller is SIGKILLed.
 *
 * Its state survives restarts: every state-changing request is journaled under `dataDir` before it is
 * answered and replayed on start (same blocks, hashes, addresses, balances). Methods that would bypass the
 * journal (snapshots, impersonation, interval mining, ...) are refused. A chain process left over from a
 * previous run on the same `dataDir` is killed first. With `journal: false` nothing is kept and every Hardhat
 * method is served, automine switches included (tests of what a mempool does).
 */
export async function startDevChain(options: DevChainOptions): Promise<DevChain> {
  const resolved = resolveDevChainOptions({ ...options, dataDir: resolve(options.dataDir) });
  mkdirSync(resolved.dataDir, { recursive: true });
  await killStaleChain(resolved.dataDir);

  const started = performance.now();
  const here = fileURLToPath(import.meta.url);
  // Run from the TypeScript sources (tests), the child needs tsx's loader too.
  const fromSources = here.endsWith('.ts');
  const child = fork(join(dirname(here), `${SERVER}${fromSources ? '.ts' : '.js'}`), [JSON.stringify(resolved)], {
    execArgv: fromSources ? ['--import', import.meta.resolve('tsx')] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  const ready = await readiness(child);
  const startupMs = Math.round(performance.now() - started);
  const pid = child.pid!;
  return {
    url: ready.url,
    chainId: resolved.chainId,
    accounts: ready.accounts,
    pid,
    replayed: ready.replayed,
    startupMs,
    stop: () => stopChild(child),
  };
}

function readiness(child: ChildProcess): Promise<Extract<DevChainMessage, { type: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      reject(new Error(`the dev chain process exited before serving (${signal ?? `code ${code}`})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.on('message', (message: DevChainMessage) => {
      child.off('exit', onExit);
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`the dev chain did not start: ${message.message}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'stop' } satisfies DevChainCommand);
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Kills the chain process that a previous run left on `dataDir` (its parent died, or it is still exiting). */
async function killStaleChain(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isDevChainProcess(pid, dataDir)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let waited = 0; waited < 5_000 && isDevChainProcess(pid, dataDir); waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether `pid` is a live (not zombie) chain process serving `dataDir`. */
function isDevChainProcess(pid: number, dataDir: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes(`${SERVER}.`) && commandLine.includes(JSON.stringify(dataDir).slice(1, -1));
  } catch {
    return false;
  }
}
