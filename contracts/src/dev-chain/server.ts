/**
 * The dev chain process (forked by startDevChain): Hardhat's EDR network behind Hardhat's JSON-RPC server
 * (HTTP + WebSocket, CORS open), rebuilt from the journal in its data folder on start. It exits when told to,
 * and when its parent goes away, however that happens.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HDNodeWallet } from 'ethers';
import type { EIP1193Provider } from 'hardhat/types/index.js';
import { JOURNAL_FILE, Journal, type JournalHeader } from './journal.js';
import { JournalingProvider } from './journaling-provider.js';
import type { DevChainCommand, DevChainMessage, ResolvedDevChainOptions } from './options.js';
import { replay } from './replay.js';

export const PID_FILE = 'dev-chain.pid';
const EPHEMERAL_CONFIG_FILE = 'ephemeral-chain.config';

const require = createRequire(import.meta.url);

async function main(options: ResolvedDevChainOptions): Promise<void> {
  const parent = process.ppid;
  const pidFile = join(options.dataDir, PID_FILE);
  const journal = options.journal ? Journal.open(options.dataDir, () => headerFor(options)) : undefined;
  writeFileSync(pidFile, `${process.pid}\n`);
  if (journal) checkSameChain(journal.header, options);

  const chain = await createChain(options, journal?.header ?? headerFor(options));
  if (journal) await replay(chain, journal.entries);
  const { JsonRpcServer } =
    require('hardhat/internal/hardhat-network/jsonrpc/server') as typeof import('hardhat/internal/hardhat-network/jsonrpc/server.js');
  const served = journal ? new JournalingProvider(chain, journal) : chain;
  const server = new JsonRpcServer({ hostname: options.host, port: options.port, provider: served });
  const address = await listen(server, options.host, options.port);

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    journal?.close();
    rmSync(pidFile, { force: true });
    process.exit(0);
  };
  process.on('message', (command: DevChainCommand) => {
    if (command.type === 'stop') void stop();
  });
  // The IPC channel closes when the parent exits or is killed, even by SIGKILL; the parent check covers a
  // parent that lost the channel some other way.
  process.on('disconnect', () => void stop());
  setInterval(() => {
    if (process.ppid !== parent) void stop();
  }, 500).unref();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop());

  const accounts = (await chain.request({ method: 'eth_accounts' })) as string[];
  send({ type: 'ready', url: `http://${address.address}:${address.port}`, accounts, replayed: journal?.entries.length ?? 0 });
}

function headerFor(options: ResolvedDevChainOptions): JournalHeader {
  return {
    kind: 'header',
    version: 1,
    chainId: options.chainId,
    hardfork: options.hardfork,
    genesis: new Date().toISOString(),
    firstAccount: firstAccount(options.mnemonic),
    accountCount: options.accountCount,
    accountBalance: options.accountBalance,
  };
}

function checkSameChain(header: JournalHeader, options: ResolvedDevChainOptions): void {
  const expected = headerFor(options);
  for (const field of ['chainId', 'firstAccount', 'accountCount', 'accountBalance'] as const) {
    if (header[field] !== expected[field]) {
      throw new Error(
        `${options.dataDir} holds a chain started with ${field} ${String(header[field])}, not ${String(expected[field])}: ` +
          'start with the same options, or with another data folder',
      );
    }
  }
}

function firstAccount(mnemonic: string): string {
  return HDNodeWallet.fromPhrase(mnemonic, undefined, "m/44'/60'/0'/0/0").address;
}

async function createChain(options: ResolvedDevChainOptions, header: JournalHeader): Promise<EIP1193Provider> {
  const { resolveConfig } =
    require('hardhat/internal/core/config/config-resolution') as typeof import('hardhat/internal/core/config/config-resolution.js');
  const { createProvider } =
    require('hardhat/internal/core/providers/construction') as typeof import('hardhat/internal/core/providers/construction.js');
  // Hardhat resolves its project paths from a config file that must exist: the journal stands in for it
  // (a throwaway chain writes an empty one).
  const configFile = join(options.dataDir, options.journal ? JOURNAL_FILE : EPHEMERAL_CONFIG_FILE);
  if (!options.journal) writeFileSync(configFile, '');
  const config = resolveConfig(configFile, {
    networks: {
      hardhat: {
        chainId: header.chainId,
        hardfork: header.hardfork,
        initialDate: header.genesis,
        accounts: { mnemonic: options.mnemonic, count: header.accountCount, accountsBalance: header.accountBalance },
        mining: { auto: true, interval: 0 },
        // Answer failed transactions as a real node does: mined, with a failed receipt.
        throwOnTransactionFailures: false,
      },
    },
  });
  return createProvider(config, 'hardhat');
}

/**
 * Listens, first waiting a little for the port when a stale chain process is still letting go of it
 * (Hardhat's server does not report a busy port: it would only emit an unhandled error).
 */
async function listen(
  server: { listen(): Promise<{ address: string; port: number }> },
  host: string,
  port: number,
): Promise<{ address: string; port: number }> {
  for (let attempt = 1; port !== 0 && !(await portIsFree(host, port)); attempt++) {
    if (attempt >= 25) throw new Error(`${host}:${port} is in use`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return server.listen();
}

function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function send(message: DevChainMessage): void {
  process.send?.(message);
}

const options = JSON.parse(process.argv[2] ?? '{}') as ResolvedDevChainOptions;
main(options).catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
