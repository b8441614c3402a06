/**
 * The compiled platform as production runs it, with LOG_FORMAT=json: every line it prints is one JSON
 * object, and the id of the request that submitted a label is on the lines of the aggregation job
 * that submit queued, and of the crediting job that aggregation queued in turn.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { spawnPlatform, type PlatformProcess } from '../support/platform-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { call, signIn } from '../support/wallet.js';

interface LogLine {
  level: string;
  time: string;
  msg: string;
  context?: string;
  requestId?: string;
  queue?: string;
  jobId?: string;
}

let database: TestDatabase;
let dataDir: string;
let platform: PlatformProcess;
const stdout: string[] = [];
const admin = Wallet.createRandom() as unknown as Wallet;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-logs-'));
  const port = await freePort();
  platform = spawnPlatform({
    port,
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'log',
      LOG_FORMAT: 'json',
      HOST: '127.0.0.1',
      PORT: String(port),
      CHAIN_PORT: '0',
      DATABASE_URL: database.url,
      TESSERA_DATA_DIR: dataDir,
      ADMIN_ADDRESSES: admin.address,
      ANTI_CHEAT_MIN_MEDIAN_MS: '0',
    },
    onLine: (line, stream) => {
      if (stream === 'stdout') stdout.push(line);
    },
  });
  await platform.waitForOutput(/listening on http/, 120_000);
});

afterAll(async () => {
  await platform?.kill('SIGTERM');
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function lines(): LogLine[] {
  return stdout.map((line) => JSON.parse(line) as LogLine);
}

describe('logs of the compiled platform (LOG_FORMAT=json)', () => {
  it("carries a submit's request id into the jobs it queued", async () => {
    const base = platform.baseUrl;
    const session = await signIn(base, admin);
    const project = await call<{ id: number }>(base, session, 'POST', '/api/projects', {
      name: 'Logs',
      type: 'classification',
      labels: ['a', 'b'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
    });
    expect(project.status).toBe(201);
    const projectId = project.body.id;
    const imported = await call<{ imported: number }>(
      base,
      session,
      'POST',
      `/api/projects/${projectId}/items`,
      JSON.stringify([{ data: { text: 'one' } }]),
      {
        'content-type': 'application/json',
      },
    );
    expect(imported.body.imported).toBe(1);
    const annotator = await signIn(base, Wallet.createRandom() as unknown as Wallet);
    const leased = await call<{ assignmentId: number }>(base, annotator, 'GET', `/api/projects/${projectId}/next`);
    expect(leased.status).toBe(200);

    const requestId = `submit-${randomBytes(6).toString('hex')}`;
    const submitted = await call(
      base,
      annotator,
      'POST',
      `/api/assignments/${leased.body.assignmentId}/submit`,
      { result: { label: 'a' }, leadTimeMs: 1500 },
      { 'x-request-id': requestId },
    );
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('x-request-id')).toBe(requestId);

    await platform.waitForOutput(new RegExp(`project ${projectId}: 1 items aggregated`), 60_000);
    await platform.waitForOutput(new RegExp(`project ${projectId}: \\d+ ledger entries appended`), 60_000);
    const all = lines();
    const aggregation = all.filter((line) => line.msg.startsWith(`project ${projectId}: `) && line.context === 'AggregationService');
    expect(aggregation.length).toBeGreaterThanOrEqual(2);
    for (const line of aggregation) expect(line).toMatchObject({ requestId, queue: 'quality.aggregate', jobId: expect.any(String) });
    const credit = all.find((line) => line.msg.startsWith(`project ${projectId}: `) && line.context === 'CreditService');
    expect(credit).toMatchObject({ requestId, queue: 'rewards.credit' });
  });

  it('prints every line as one JSON object with its level, time, context and message', () => {
    const all = lines();
    expect(all.length).toBeGreaterThan(5);
    for (const line of all) {
      expect(['fatal', 'error', 'warn', 'info']).toContain(line.level);
      expect(Number.isNaN(Date.parse(line.time))).toBe(false);
      expect(typeof line.msg).toBe('string');
    }
    expect(all.find((line) => line.msg.startsWith('listening on http'))).toMatchObject({ level: 'info', context: 'Tessera' });
    // Lines written outside any request or job carry no request id.
    expect(all.find((line) => line.msg.startsWith('listening on http'))).not.toHaveProperty('requestId');
  });
});
