import { createHash } from 'node:crypto';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { restartablePlatform } from '../support/restartable-platform.js';
import { LABELS, waitFor } from '../support/datasets.js';
import { call, signIn } from '../support/wallet.js';

const admin = Wallet.createRandom();
const { start, query } = restartablePlatform('dataset-crash', admin);

interface Version {
  status: string;
  itemCount: number;
  error: string | null;
  files: Array<{ name: string; sha256: string; cid: string; bytes: number }>;
}

describe('a dataset build across a crash', () => {
  it('a process killed right after storing a file resumes after restart to one complete set of files, storing none twice', async () => {
    const first = await start({ TEST_CRASH_AFTER_DATASET_FILES: '1' });
    let session = await signIn(first.baseUrl, admin as unknown as Wallet);
    const project = await call<{ id: number }>(first.baseUrl, session, 'POST', '/api/projects', {
      name: 'Crash dataset',
      type: 'classification',
      labels: LABELS,
      overlap: 2,
      rewardPerLabel: '1',
      status: 'active',
    });
    const items = Array.from({ length: 40 }, (_, i) => ({ data: { text: `crash ${i}` } }));
    await call(first.baseUrl, session, 'POST', `/api/projects/${project.body.id}/items`, JSON.stringify(items), {
      'content-type': 'application/json',
    });
    const annotators = await query<{ id: number }>(
      `INSERT INTO users (address, roles, configured_roles) VALUES ($1, '{annotator}', '{}'), ($2, '{annotator}', '{}') RETURNING id`,
      [`0x${'1'.repeat(40)}`, `0x${'2'.repeat(40)}`],
    );
    await query(
      `INSERT INTO annotations (assignment_id, project_id, item_id, annotator_id, result, lead_time_ms)
       SELECT 900000 + row_number() OVER (), i.project_id, i.id, u.id, jsonb_build_object('label', (ARRAY['cat','dog','bird'])[1 + i.id % 3]), 1000
         FROM items i CROSS JOIN unnest($2::int[]) AS u(id) WHERE i.project_id = $1`,
      [project.body.id, annotators.map((a) => a.id)],
    );
    const aggregated = await call(first.baseUrl, session, 'POST', `/api/projects/${project.body.id}/quality/aggregate`);
    expect(aggregated.status).toBe(200);

    const created = await call<{ id: number; status: string }>(first.baseUrl, session, 'POST', '/api/datasets', {
      projectId: project.body.id,
      name: 'Crash',
      license: 'MIT',
    });
    expect(created.status).toBe(202);
    const exit = await first.exited;
    expect(exit.signal).toBe('SIGKILL');

    // Killed once a file was stored and recorded (the formats are written at once, so others may
    // have been recorded in the same moment), before every file was and the version marked ready.
    const before = await query<{ name: string; cid: string; created_at: Date }>(
      'SELECT name, cid, created_at FROM dataset_files WHERE version_id = $1',
      [created.body.id],
    );
    expect(before.length).toBeGreaterThanOrEqual(1);
    expect(before.find((f) => f.name === 'croissant.json')).toBeUndefined();
    const [state] = await query<{ status: string }>('SELECT status FROM dataset_versions WHERE id = $1', [created.body.id]);
    expect(state!.status).toBe('building');

    const second = await start();
    session = await signIn(second.baseUrl, admin as unknown as Wallet);
    const version = await waitFor('the resumed build', async () => {
      const answer = await call<Version>(second.baseUrl, session, 'GET', `/api/datasets/${created.body.id}`);
      return answer.body.status === 'building' ? undefined : answer.body;
    });
    expect(version.status, version.error ?? '').toBe('ready');
    expect(version.itemCount).toBe(40);
    const after = await query<{ name: string; cid: string; created_at: Date }>(
      'SELECT name, cid, created_at FROM dataset_files WHERE version_id = $1 ORDER BY position',
      [created.body.id],
    );
    // The files stored before the crash are the ones listed, not stored again.
    for (const stored of before) expect(after.find((f) => f.name === stored.name)).toEqual(stored);
    expect(after.length).toBeGreaterThan(before.length);
    expect(version.files.map((f) => f.name).sort()).toEqual(after.map((f) => f.name).sort());
    expect(new Set(after.map((f) => f.name)).size).toBe(after.length);
    for (const file of version.files) {
      const download = await fetch(`${second.baseUrl}/api/datasets/${created.body.id}/files/${file.name}`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      expect(download.status).toBe(200);
      const body = Buffer.from(await download.arrayBuffer());
      expect(body.length).toBe(file.bytes);
      expect(createHash('sha256').update(body).digest('hex')).toBe(file.sha256);
    }
  }, 180_000);
});
