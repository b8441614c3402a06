import http from 'node:http';
import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { restartablePlatform } from '../support/restartable-platform.js';
import { call, signIn } from '../support/wallet.js';

const admin = Wallet.createRandom();
const platform = restartablePlatform('graceful', admin);

/** Whether a new connection is still taken. */
async function accepts(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

describe('SIGTERM', () => {
  it('stops taking connections, finishes the request in flight, closes the queue before the database and exits 0', async () => {
    const server = await platform.start();
    await server.waitForHealth(60_000);
    const asAdmin = await signIn(server.baseUrl, admin as unknown as Wallet);
    const project = await call<{ id: number }>(server.baseUrl, asAdmin, 'POST', '/api/projects', {
      name: 'Graceful',
      type: 'classification',
      labels: ['a', 'b'],
      overlap: 1,
      rewardPerLabel: '1',
      status: 'active',
    });
    expect(project.status).toBe(201);

    // An import whose body is still arriving when the signal comes.
    const url = new URL(`${server.baseUrl}/api/projects/${project.body.id}/items`);
    const request = http.request(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${asAdmin.token}`, 'content-type': 'application/json' },
    });
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      request.on('error', reject);
    });
    request.write('[{"data":{"text":"before the signal"}},');
    await new Promise<void>((resolve) => request.write(' ', () => resolve()));

    server.child.kill('SIGTERM');
    await server.waitForOutput(/SIGTERM: shutting down/);
    // No new connections once it is stopping...
    for (let i = 0; i < 200 && (await accepts(server.baseUrl)); i++) await new Promise((resolve) => setImmediate(resolve));
    expect(await accepts(server.baseUrl)).toBe(false);
    // ...and the request in flight still completes.
    request.end('{"data":{"text":"after the signal"}}]');
    const answer = await response;
    expect(answer.status, answer.body).toBeLessThan(300);
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const rows = await platform.query<{ n: number }>('SELECT count(*)::int AS n FROM items WHERE project_id = $1', [project.body.id]);
    expect(rows[0]?.n).toBe(2);
    // The queue stopped while its database was still there: nothing failed on the way out.
    const output = server.output();
    const afterSignal = output.slice(output.indexOf('SIGTERM: shutting down'));
    expect(afterSignal).not.toMatch(/ERROR/);
  });

  it('with SHUTDOWN_DRAIN_SECONDS, readiness says "stopping" while the process still serves, then it stops', async () => {
    const server = await platform.start({ SHUTDOWN_DRAIN_SECONDS: '3' });
    await server.waitForHealth(60_000);
    const before = await fetch(`${server.baseUrl}/api/health/ready`);
    expect(before.status).toBe(200);

    server.child.kill('SIGTERM');
    await server.waitForOutput(/draining: readiness says "stopping"/);
    const ready = await fetch(`${server.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('stopping');
    // Still serving: a balancer's last requests are answered while it moves traffic away.
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
