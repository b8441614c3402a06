/** A parent process for the dev chain tests: starts a chain, reports its pid, then idles until killed. */
import { startDevChain } from '../../src/index.js';

const chain = await startDevChain({ dataDir: process.argv[2]!, port: Number(process.argv[3]) });
process.stdout.write(`${JSON.stringify({ pid: chain.pid, url: chain.url })}\n`);
setInterval(() => undefined, 60_000);
