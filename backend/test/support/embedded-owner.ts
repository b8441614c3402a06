// Started by embedded-postgres.test.ts as a separate process that is then SIGKILLed.
import pg from 'pg';
import { EmbeddedDatabase } from '../../src/database/embedded-postgres.js';

const [dir, port] = process.argv.slice(2);
const server = new EmbeddedDatabase({ dir: dir!, port: Number(port), database: 'tessera' });
await server.start();
const client = new pg.Client({ connectionString: server.url });
await client.connect();
await client.query('CREATE TABLE survived (note text)');
await client.query(`INSERT INTO survived VALUES ('written before the crash')`);
await client.end();
process.stdout.write('ready\n');
setInterval(() => undefined, 1000);
