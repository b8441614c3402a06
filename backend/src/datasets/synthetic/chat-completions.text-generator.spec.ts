import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SynthesisErrorCode } from './domain/synthesis-error.js';
import { VerbatimGuard } from './domain/verbatim-guard.js';
import { ChatCompletionsTextGenerator, parseTexts } from './chat-completions.text-generator.js';

const SOURCE = 'the room was clean and the staff were kind to us all week long';

async function body(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

describe('ChatCompletionsTextGenerator against an OpenAI-compatible endpoint', () => {
  const requests: Array<{ auth: string | undefined; body: Record<string, unknown> }> = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // A local endpoint speaking the chat-completions protocol: it answers one copy of a source text among new ones.
    server = createServer((request, response) => {
      void body(request).then((parsed) => {
        requests.push({ auth: request.headers.authorization, body: parsed });
        if ((parsed['model'] as string) === 'broken') {
          response.writeHead(500).end();
          return;
        }
        const content = JSON.stringify([SOURCE, 'a quiet place with a friendly desk', 'lovely garden and good coffee']);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function generator(model: string) {
    const guard = new VerbatimGuard();
    guard.add(SOURCE);
    return new ChatCompletionsTextGenerator(
      { url, model, apiKey: 'secret', timeoutMs: 10_000 },
      { field: 'review', textsByLabel: new Map([['positive', [SOURCE]]]), guard },
    );
  }

  it('asks for texts of the label with source examples, and lets only guarded texts through', async () => {
    const texts: string[] = [];
    for await (const text of generator('m').generate('positive', 2, 7)) texts.push(text);
    expect(texts).toEqual(['a quiet place with a friendly desk', 'lovely garden and good coffee']);
    expect(requests[0]!.auth).toBe('Bearer secret');
    expect(requests[0]!.body).toMatchObject({ model: 'm', seed: 7 });
    const prompt = (requests[0]!.body['messages'] as Array<{ content: string }>)[1]!.content;
    expect(prompt).toContain('"positive"');
    expect(prompt).toContain('"review"');
    expect(prompt).toContain(SOURCE);
  });

  it('stops after a bounded number of requests when too few texts pass the guard', async () => {
    const before = requests.length;
    const texts: string[] = [];
    for await (const text of generator('m').generate('positive', 40, 1)) texts.push(text);
    // 40 texts need 2 requests of 20; 3 times that are allowed, each answer bringing 2 texts that pass.
    expect(requests.length - before).toBe(6);
    expect(texts).toHaveLength(12);
    expect(texts).not.toContain(SOURCE);
  });

  it('fails with a typed error when the endpoint does', async () => {
    const iterator = generator('broken').generate('positive', 1, 1)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: SynthesisErrorCode.GENERATOR_FAILED });
  });
});

describe('parseTexts', () => {
  it('reads a JSON array inside an answer, else one text per line without bullets', () => {
    expect(parseTexts('Here you go:\n["a", "b", 3, ""]')).toEqual(['a', 'b']);
    expect(parseTexts('1. first\n- second\n\n* third')).toEqual(['first', 'second', 'third']);
  });
});
