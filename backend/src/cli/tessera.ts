#!/usr/bin/env node
/**
 * Tessera's command line: `npm run -s tessera -- <command> ...` from the repository root (from the
 * sources, no build needed), or `tessera <command>` / `node backend/dist/backend/src/cli/tessera.js
 * <command>` once built. Exit codes: 0 done, 2 bad arguments or bad input (the message says which
 * line), 1 anything unexpected; `api`, `worker` and `all` run until SIGTERM (see main.ts).
 */
import { parseArgs } from 'node:util';
import { loadConfig, PROCESS_ROLES } from '../config/app-config.js';
import { QualityError } from '../quality/domain/quality-error.js';
import type { TruthMethodChoice } from '../quality/domain/truth-inference.js';
import { METHOD_CHOICES, runAggregate } from './aggregate-command.js';
import { runDeploy } from './deploy-command.js';
import { FileError } from './vote-file.js';

const USAGE = `Usage: tessera api|worker|all
       tessera aggregate --input FILE --output FILE [--method ${METHOD_CHOICES.join('|')}] [--gold FILE]
       tessera deploy [--operator ADDRESS]

  api             serve the stateless HTTP role (run several behind a load balancer); needs DATABASE_URL
  worker          run the queue's jobs and the schedules (answers only health and metrics); needs DATABASE_URL
  all             both in one process, on embedded defaults unless configured (what \`npm start\` runs)

  aggregate:
  --input FILE    labels: CSV with the header item,worker,label, or "item worker label" lines
  --output FILE   where to write item,label,confidence (CSV; "-" for standard output)
  --method NAME   mv (majority vote), wawa (worker agreement with aggregate), ds (Dawid-Skene),
                  mmce (minimax conditional entropy), auto (default: fits them and picks by the
                  held-out likelihood of hidden votes, or by hidden gold answers with --gold)
  --gold FILE     known answers, item,label CSV or "item label" lines; never overturned
`;

const DEPLOY_USAGE = `Usage: tessera deploy [--operator ADDRESS]

  Deploys RewardToken and PayoutDistributor on RPC_URL's chain (CHAIN_ID) with OPERATOR_PRIVATE_KEY,
  and prints the TOKEN_ADDRESS, DISTRIBUTOR_ADDRESS and CHAIN_FROM_BLOCK the backend then needs.
  --operator ADDRESS   the account that posts epochs and pays batches (default: the deploying key)
`;

class UsageError extends Error {}

async function deploy(args: string[]): Promise<number> {
  let values: { operator?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, strict: true, options: { operator: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(DEPLOY_USAGE);
    return 0;
  }
  const config = loadConfig(process.env, process.cwd());
  if (!config.chain.rpcUrl || !config.chain.operatorKey) throw new UsageError('deploy needs RPC_URL and OPERATOR_PRIVATE_KEY');
  const { env } = await runDeploy({
    rpcUrl: config.chain.rpcUrl,
    privateKey: config.chain.operatorKey,
    chainId: config.chainId,
    ...(values.operator ? { operator: values.operator } : {}),
  });
  process.stdout.write(`${env}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'deploy') return deploy(rest);
  if ((PROCESS_ROLES as readonly string[]).includes(command)) {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    // main.ts reads the role from the same argument and serves until SIGTERM.
    await import('../main.js');
    return 0;
  }
  if (command !== 'aggregate') throw new UsageError(`unknown command "${command}"`);

  const { values, positionals } = parseArguments(rest);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.input === undefined) throw new UsageError('--input FILE is required');
  if (values.output === undefined) throw new UsageError('--output FILE is required');
  const method = values.method ?? 'auto';
  if (!isMethodChoice(method)) throw new UsageError(`--method must be one of ${METHOD_CHOICES.join(', ')}, got "${method}"`);

  const started = performance.now();
  const { votes, result, warnings } = await runAggregate(
    { input: values.input, output: values.output, method, gold: values.gold },
    process.stdout,
  );
  for (const warning of warnings) process.stderr.write(`tessera: warning: ${warning}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const iterations = result.method === 'ds' || result.method === 'mmce' ? ` after ${result.iterations} EM iterations` : '';
  process.stderr.write(
    `tessera: ${votes} votes, ${result.items.length} items, ${result.workers.length} workers: ${result.method}${iterations} in ${seconds} s\n`,
  );
  return 0;
}

function parseArguments(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        method: { type: 'string' },
        gold: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function isMethodChoice(value: string): value is TruthMethodChoice {
  return (METHOD_CHOICES as readonly string[]).includes(value);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`tessera: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (error instanceof FileError || error instanceof QualityError) {
    process.stderr.write(`tessera: ${error.message}\n`);
    return 2;
  }
  process.stderr.write(`tessera: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2)).catch(exitCodeFor);
