import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { call } from './wallet.js';

/** An active classification project made by the test app's admin, with `items` text items: its id. */
export async function textProject(
  t: TestApp,
  fields: Record<string, unknown>,
  items: number,
  text = (n: number) => `item ${n}`,
): Promise<number> {
  const created = await call<{ id: number }>(t.baseUrl, t.admin, 'POST', '/api/projects', {
    type: 'classification',
    rewardPerLabel: '1',
    status: 'active',
    ...fields,
  });
  expect(created.status).toBe(201);
  await importRecords(
    t,
    created.body.id,
    Array.from({ length: items }, (_, n) => ({ data: { text: text(n) } })),
  );
  return created.body.id;
}

/** Imports item records as a JSON array, all of which must go in. */
export async function importRecords(t: TestApp, projectId: number, records: unknown[]): Promise<void> {
  const imported = await call<{ imported: number }>(
    t.baseUrl,
    t.admin,
    'POST',
    `/api/projects/${projectId}/items`,
    JSON.stringify(records),
    {
      'content-type': 'application/json',
    },
  );
  expect(imported.body.imported).toBe(records.length);
}
