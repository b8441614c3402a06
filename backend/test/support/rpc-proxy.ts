import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Transaction } from 'ethers';

/** One JSON-RPC call as the proxy saw it; `tx` is the decoded transaction of eth_sendRawTransaction. */
export interface RpcCall {
  method: string;
  params: unknown[];
  tx?: { hash: string; to: string | null; data: string; nonce: number; from: string | null };
}

/**
 * What to do with a matching call instead of forwarding it:
 * - `reset`: the connection is dropped without an answer (a node or load balancer going away);
 * - `http429` / `http503`: an HTTP error status, as rate limiters and overloaded providers answer;
 * - `hang`: no answer at all, until the rule is removed (the client's timeout has to fire).
 */
export type Fault = 'reset' | 'http429' | 'http503' | 'hang';

export interface Rule {
  match: (call: RpcCall) => boolean;
  fault: Fault;
}

/**
 * A JSON-RPC proxy between the platform and a real chain, to stage an RPC outage, rate limiting,
 * timeouts, or a node that refuses some transactions: everything not matched by a rule is forwarded.
 * Counts what it saw so that tests can wait for states ("three estimates refused"), not for time.
 */
export class RpcProxy {
  private readonly server: http.Server;
  private readonly rules = new Set<Rule>();
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly sockets = new Set<Socket>();
  /** Every call received, in order. */
  readonly calls: Array<RpcCall & { fault?: Fault; error?: string }> = [];

  private constructor(private readonly target: string) {
    this.server = http.createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(target: string): Promise<RpcProxy> {
    const proxy = new RpcProxy(target);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Adds a rule; answers a function removing it (hanging calls it held are then forwarded). */
  fail(fault: Fault, match: (call: RpcCall) => boolean = () => true): () => void {
    const rule = { fault, match };
    this.rules.add(rule);
    return () => this.rules.delete(rule);
  }

  clear(): void {
    this.rules.clear();
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
  }

  /** Calls of `method` that a rule failed (or that the chain answered with an error, with `upstreamErrors`). */
  count(method: string, which: 'faults' | 'upstreamErrors' | 'all' = 'faults'): number {
    return this.calls.filter(
      (c) => c.method === method && (which === 'all' || (which === 'faults' ? c.fault !== undefined : c.error !== undefined)),
    ).length;
  }

  async close(): Promise<void> {
    this.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    let payload: { method?: string; params?: unknown[] } | Array<{ method?: string; params?: unknown[] }>;
    try {
      payload = JSON.parse(body) as typeof payload;
    } catch {
      response.writeHead(400).end();
      return;
    }
    // One call per request (the platform sends no batches); a batch is matched by its first call.
    const first = Array.isArray(payload) ? payload[0] : payload;
    const call: RpcCall & { fault?: Fault; error?: string } = { method: first?.method ?? '', params: first?.params ?? [] };
    if (call.method === 'eth_sendRawTransaction' && typeof call.params[0] === 'string') {
      const tx = Transaction.from(call.params[0]);
      call.tx = { hash: tx.hash!, to: tx.to, data: tx.data, nonce: tx.nonce, from: tx.from };
    }
    this.calls.push(call);
    const rule = [...this.rules].find((r) => r.match(call));
    if (rule) {
      call.fault = rule.fault;
      switch (rule.fault) {
        case 'reset':
          request.socket.destroy();
          return;
        case 'http429':
          response.writeHead(429, { 'content-type': 'text/plain' }).end('Too Many Requests');
          return;
        case 'http503':
          response.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
          return;
        case 'hang':
          this.hanging.add(response);
          response.on('close', () => this.hanging.delete(response));
          return;
      }
    }
    try {
      const upstream = await fetch(this.target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await upstream.text();
      const answer = JSON.parse(text) as { error?: { message?: string } } | Array<{ error?: { message?: string } }>;
      const error = Array.isArray(answer) ? answer[0]?.error : answer.error;
      if (error) call.error = error.message ?? 'error';
      response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(text);
    } catch {
      request.socket.destroy();
    }
  }
}
