import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { splitCsvLine } from './vote-file.js';

const tsx = createRequire(import.meta.url).resolve('tsx/cli');
const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tessera.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'tessera-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tessera(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

describe('tessera aggregate', { timeout: 30_000 }, () => {
  it('aggregates a CSV file into item,label,confidence in order of first appearance', async () => {
    // b: x x y -> x 2/3; a: "y, maybe" twice -> 1; c: tie x/y -> y (c's seeded tie key picks the second tied label), 1/2.
    const input = file(
      'votes.csv',
      'item,worker,label\r\nb,w1,x\r\na,w1,"y, maybe"\r\nb,w2,x\r\n\r\nb,w3,y\r\na,w2,"y, maybe"\r\nc,w1,y\r\nc,w2,x\r\n',
    );
    const output = path.join(dir, 'out.csv');
    const run = await tessera('aggregate', '--input', input, '--output', output, '--method', 'mv');
    expect(run.stderr).toContain('7 votes, 3 items, 3 workers: mv');
    expect(run.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('item,label,confidence\nb,x,0.666667\na,"y, maybe",1.000000\nc,y,0.500000\n');
  });

  it('reads whitespace-separated lines and honours --gold', async () => {
    const input = file('votes.txt', '1 1 2\n1 2 2\n1 3 1\n2 1 1\n2 2 1\n2 3 1\n');
    const gold = file('gold.csv', 'item,label\n2,2\n');
    const run = await tessera('aggregate', '--input', input, '--gold', gold, '--output', '-');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('item,label,confidence\n1,2,0.666667\n2,2,1.000000\n');
  });

  it('reports a malformed line with its number and exits 2', async () => {
    const input = file('bad.csv', 'item,worker,label\na,w1,x\na,w2\n');
    const run = await tessera('aggregate', '--input', input, '--output', path.join(dir, 'never.csv'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${input}:3: expected 3 fields (item,worker,label), found 2`);
  });

  it('refuses a CSV without the header', async () => {
    const run = await tessera('aggregate', '--input', file('noheader.csv', 'a,w1,x\n'), '--output', '-');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(':1: a CSV file must start with the header item,worker,label');
  });

  it("reads the column names other tools write, quoted or not, in votes and gold; drops a worker's repeated votes and says so", async () => {
    // Crowd-Kit's task/worker/label, R's quoted header; b's w1 votes x then y: only the first counts.
    const input = file('tasks.csv', '"task","worker","label"\na,w1,x\na,w2,x\nb,w1,x\nb,w1,y\nb,w2,y\nb,w3,y\n');
    const gold = file('truth.csv', 'question,truth\nz,q\n');
    const run = await tessera('aggregate', '--input', input, '--gold', gold, '--output', '-', '--method', 'mv');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('item,label,confidence\na,x,1.000000\nb,y,0.666667\n');
    expect(run.stderr).toContain('5 votes, 2 items');
    expect(run.stderr).toContain(
      'warning: ' + input + ": 1 repeated votes dropped (a worker's later votes on an item they had voted on; the first is kept)",
    );
    // z has no votes: its gold is not used, and its label q is no class of the answer.
    expect(run.stderr).toContain(`warning: ${gold}: 1 of 1 gold items have no votes`);
  });

  it('refuses a file that holds no votes', async () => {
    const run = await tessera('aggregate', '--input', file('empty.csv', 'item,worker,label\n\n'), '--output', '-');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('empty.csv: holds no votes');
  });

  it.each([
    [['aggregate', '--output', 'x.csv'], '--input FILE is required'],
    [['aggregate', '--input', 'x', '--output', 'y', '--method', 'glad'], '--method must be one of auto, mv, wawa, ds, mmce'],
    [['aggregate', '--input', 'x', '--output', 'y', '--frobnicate'], "Unknown option '--frobnicate'"],
    [['summarize'], 'unknown command "summarize"'],
    [['aggregate', '--input', '/nonexistent/votes.csv', '--output', 'y'], '/nonexistent/votes.csv: cannot read'],
  ])('exits 2 on bad arguments: %j', async (args, message) => {
    const run = await tessera(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('splitCsvLine', () => {
  it('splits quoted and unquoted fields', () => {
    expect(splitCsvLine('a, "b ""c"", d" ,e')).toEqual(['a', 'b "c", d', 'e']);
    expect(splitCsvLine('a,,b')).toEqual(['a', '', 'b']);
    expect(splitCsvLine('a,b,')).toEqual(['a', 'b', '']);
  });

  it('refuses broken quoting', () => {
    expect(() => splitCsvLine('a,"b')).toThrow(/unterminated/);
    expect(() => splitCsvLine('a,"b"c')).toThrow(/after a quoted field/);
    expect(() => splitCsvLine('a,b"c')).toThrow(/quote inside/);
  });
});
