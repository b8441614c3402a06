import { randomBytes, randomInt } from 'node:crypto';
import { getAddress } from 'ethers';
import { createSiweMessage, type CreateSiweMessageParameters } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import { checkSiweMessage, parseSiweMessage, type SiweExpectations, type SiweMessage, type SiweProblem } from './siwe-message.js';

type Hex = `0x${string}`;

// A fixed checksummed address (Hardhat's account #0), so the tests do not depend on key generation.
const ADDRESS: Hex = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const ISSUED_AT = new Date('2025-03-01T12:00:00.000Z');

function build(overrides: Partial<CreateSiweMessageParameters> = {}): string {
  return createSiweMessage({
    address: ADDRESS,
    chainId: 8996,
    domain: 'app.tessera.test',
    nonce: 'n0nce12345',
    uri: 'https://app.tessera.test/login',
    version: '1',
    issuedAt: ISSUED_AT,
    ...overrides,
  });
}

function parsed(text: string): SiweMessage {
  const result = parseSiweMessage(text);
  if (!result.ok) throw new Error(`expected the message to parse, got ${JSON.stringify(result.problem)}\n---\n${text}`);
  return result.message;
}

function problemOf(text: string): SiweProblem {
  const result = parseSiweMessage(text);
  if (result.ok) throw new Error(`expected the message to be refused, it parsed:\n---\n${text}`);
  return result.problem;
}

function malformedField(text: string): string {
  const problem = problemOf(text);
  expect(problem.kind).toBe('malformed');
  if (problem.kind !== 'malformed') throw new Error('unreachable');
  expect(problem.message).not.toBe('');
  return problem.field;
}

/** Rewrites the line of `text` that starts with `prefix` (exactly one must). */
function replaceLine(text: string, prefix: string, replacement: string | null): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.startsWith(prefix));
  if (at === -1) throw new Error(`no line starts with "${prefix}"`);
  if (replacement === null) lines.splice(at, 1);
  else lines[at] = replacement;
  return lines.join('\n');
}

describe('parseSiweMessage: well-formed messages from viem createSiweMessage', () => {
  it('parses a full message with statement, expiration, not-before, request id and resources', () => {
    const text = build({
      statement: 'Sign in to Tessera to label data and earn tokens.',
      expirationTime: new Date('2025-03-01T12:10:00.000Z'),
      notBefore: new Date('2025-03-01T11:59:00.000Z'),
      requestId: 'req-42',
      resources: ['ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', 'https://app.tessera.test/terms'],
    });
    expect(text.split('\n')[0]).toBe('app.tessera.test wants you to sign in with your Ethereum account:');

    const message = parsed(text);
    expect(message).toEqual({
      domain: 'app.tessera.test',
      address: ADDRESS,
      statement: 'Sign in to Tessera to label data and earn tokens.',
      uri: 'https://app.tessera.test/login',
      version: '1',
      chainId: 8996,
      nonce: 'n0nce12345',
      issuedAt: ISSUED_AT,
      expirationTime: new Date('2025-03-01T12:10:00.000Z'),
      notBefore: new Date('2025-03-01T11:59:00.000Z'),
      requestId: 'req-42',
      resources: ['ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', 'https://app.tessera.test/terms'],
    });
    expect(message.scheme).toBeUndefined();
    expect(message.issuedAt).toBeInstanceOf(Date);
    expect(typeof message.chainId).toBe('number');
  });

  it('parses a message without statement (the two empty lines viem writes)', () => {
    const text = build();
    expect(text).toContain(`${ADDRESS}\n\n\nURI: `);
    const message = parsed(text);
    expect(message.statement).toBeUndefined();
    expect(message).not.toHaveProperty('statement');
    expect(message).not.toHaveProperty('expirationTime');
    expect(message).not.toHaveProperty('notBefore');
    expect(message).not.toHaveProperty('requestId');
    expect(message.resources).toEqual([]);
    expect(message.uri).toBe('https://app.tessera.test/login');
    expect(message.nonce).toBe('n0nce12345');
  });

  it('also accepts a single empty line between the address and URI when there is no statement', () => {
    const text = build().replace(`${ADDRESS}\n\n\nURI: `, `${ADDRESS}\n\nURI: `);
    expect(parsed(text).uri).toBe('https://app.tessera.test/login');
  });

  it('parses a scheme in the header (https://example.com) into scheme and domain', () => {
    const text = build({ scheme: 'https', domain: 'example.com', uri: 'https://example.com/' });
    expect(text.startsWith('https://example.com wants you to sign in')).toBe(true);
    const message = parsed(text);
    expect(message.scheme).toBe('https');
    expect(message.domain).toBe('example.com');
  });

  it('keeps a port in the domain', () => {
    const message = parsed(build({ domain: 'localhost:3000', uri: 'http://localhost:3000/' }));
    expect(message.domain).toBe('localhost:3000');
  });

  it('accepts a message that ends with a trailing newline', () => {
    expect(parsed(`${build()}\n`).nonce).toBe('n0nce12345');
  });

  it('parses an empty Resources list', () => {
    const text = build({ resources: [] });
    expect(text.endsWith('\nResources:')).toBe(true);
    expect(parsed(text).resources).toEqual([]);
  });

  it('parses RFC 3339 times with an offset and with no fraction', () => {
    const text = replaceLine(build(), 'Issued At: ', 'Issued At: 2025-03-01T14:00:00+02:00');
    expect(parsed(text).issuedAt.toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });

  it('keeps the address as written (lowercase too)', () => {
    const lower = ADDRESS.toLowerCase();
    const text = build().replace(ADDRESS, lower);
    expect(parsed(text).address).toBe(lower);
  });
});

describe('parseSiweMessage: malformed messages', () => {
  const valid = build({
    statement: 'Sign in to Tessera.',
    expirationTime: new Date('2025-03-01T12:10:00.000Z'),
    notBefore: new Date('2025-03-01T11:59:00.000Z'),
    requestId: 'req-1',
    resources: ['https://app.tessera.test/terms'],
  });

  it('the fixture itself parses', () => {
    expect(parseSiweMessage(valid).ok).toBe(true);
  });

  it('an empty string', () => {
    expect(malformedField('')).toBe('message');
  });

  it('a bad header line', () => {
    expect(malformedField(valid.replace('wants you to sign in with your Ethereum account:', 'wants you to sign in:'))).toBe('message');
    expect(malformedField(valid.replace('Ethereum account:', 'Ethereum account'))).toBe('message');
    expect(malformedField(`Hello\n${valid}`)).toBe('message');
  });

  it('an empty domain or one with spaces', () => {
    expect(malformedField(valid.replace('app.tessera.test wants', ' wants'))).toBe('domain');
    expect(malformedField(valid.replace('app.tessera.test wants', 'app tessera.test wants'))).toBe('domain');
  });

  it('a bad address', () => {
    expect(malformedField(valid.replace(ADDRESS, '0x1234'))).toBe('address');
    expect(malformedField(valid.replace(ADDRESS, ADDRESS.slice(2)))).toBe('address');
    expect(malformedField(valid.replace(ADDRESS, `0x${'g'.repeat(40)}`))).toBe('address');
    expect(malformedField(valid.replace(ADDRESS, `${ADDRESS}00`))).toBe('address');
    expect(malformedField(valid.replace(ADDRESS, 'vitalik.eth'))).toBe('address');
  });

  it('no empty line after the address', () => {
    expect(malformedField(valid.replace(`${ADDRESS}\n\n`, `${ADDRESS}\n`))).toBe('message');
  });

  it('no empty line after the statement', () => {
    expect(malformedField(valid.replace('Sign in to Tessera.\n\n', 'Sign in to Tessera.\n'))).toBe('statement');
  });

  it('a missing Nonce (named in the problem)', () => {
    const problem = problemOf(replaceLine(valid, 'Nonce: ', null));
    expect(problem.kind).toBe('malformed');
    expect(problem.message).toContain('Nonce');
  });

  it.each([
    ['URI: ', 'URI'],
    ['Version: ', 'Version'],
    ['Chain ID: ', 'Chain ID'],
    ['Issued At: ', 'Issued At'],
  ])('a missing required field (%s)', (prefix, name) => {
    const problem = problemOf(replaceLine(valid, prefix, null));
    expect(problem.kind).toBe('malformed');
    expect(problem.message).toContain(name);
  });

  it.each([
    ['Nonce: ', 'nonce'],
    ['URI: ', 'uri'],
    ['Version: ', 'version'],
    ['Chain ID: ', 'chainId'],
    ['Issued At: ', 'issuedAt'],
  ])('a missing %s is reported on the property name %s', (prefix, field) => {
    expect(malformedField(replaceLine(valid, prefix, null))).toBe(field);
  });

  it.each(['abc1234', 'short', '', 'abcd-efgh', 'abcd efgh', 'nonce_123'])(
    'a nonce that is too short or not alphanumeric: "%s"',
    (nonce) => {
      expect(malformedField(replaceLine(valid, 'Nonce: ', `Nonce: ${nonce}`))).toBe('nonce');
    },
  );

  it('a nonce of exactly 8 letters or digits is fine', () => {
    expect(parsed(replaceLine(valid, 'Nonce: ', 'Nonce: abcd1234')).nonce).toBe('abcd1234');
  });

  it.each(['2', '1.0', '0', ''])('a wrong version: "%s"', (version) => {
    expect(malformedField(replaceLine(valid, 'Version: ', `Version: ${version}`))).toBe('version');
  });

  it.each(['1.5', 'abc', '0', '-1', '01', '0x1', '1e3', ''])('a chain id that is not a positive integer: "%s"', (chain) => {
    expect(malformedField(replaceLine(valid, 'Chain ID: ', `Chain ID: ${chain}`))).toBe('chainId');
  });

  it.each(['yesterday', '2025-03-01', '2025-03-01 12:00:00Z', '2025-03-01T12:00:00', '2025-13-01T00:00:00Z', '2025-03-01T12:61:00Z', ''])(
    'a bad Issued At: "%s"',
    (time) => {
      expect(malformedField(replaceLine(valid, 'Issued At: ', `Issued At: ${time}`))).toBe('issuedAt');
    },
  );

  it('a calendar-invalid Issued At (February 30) is refused', () => {
    expect(malformedField(replaceLine(valid, 'Issued At: ', 'Issued At: 2025-02-30T00:00:00Z'))).toBe('issuedAt');
  });

  it('a bad Expiration Time or Not Before', () => {
    expect(malformedField(replaceLine(valid, 'Expiration Time: ', 'Expiration Time: soon'))).toBe('expirationTime');
    expect(malformedField(replaceLine(valid, 'Not Before: ', 'Not Before: 2025-03-01'))).toBe('notBefore');
  });

  it('a URI that is not absolute', () => {
    expect(malformedField(replaceLine(valid, 'URI: ', 'URI: /login'))).toBe('uri');
    expect(malformedField(replaceLine(valid, 'URI: ', 'URI: not a uri'))).toBe('uri');
  });

  it('an unknown field', () => {
    expect(malformedField(replaceLine(valid, 'Request ID: ', 'Session: abc'))).toBe('message');
    expect(malformedField(valid.replace('\nNonce: ', '\nColour: blue\nNonce: '))).toBe('message');
  });

  it('fields out of order', () => {
    const lines = valid.split('\n');
    const uri = lines.findIndex((l) => l.startsWith('URI: '));
    const version = lines.findIndex((l) => l.startsWith('Version: '));
    [lines[uri], lines[version]] = [lines[version]!, lines[uri]!];
    expect(malformedField(lines.join('\n'))).toBe('message');

    const swapped = valid.replace(/(Expiration Time: .*)\n(Not Before: .*)/, '$2\n$1');
    expect(swapped).not.toBe(valid);
    expect(malformedField(swapped)).toBe('message');
  });

  it('a field given twice', () => {
    expect(malformedField(valid.replace('\nVersion: 1', '\nVersion: 1\nVersion: 1'))).toBe('message');
  });

  it('a junk line among the fields', () => {
    expect(malformedField(valid.replace('\nVersion: ', '\nhello world\nVersion: '))).toBe('message');
    expect(malformedField(valid.replace('\nVersion: ', '\n\nVersion: '))).toBe('message');
    expect(malformedField(valid.replace('Nonce: ', 'Nonce:'))).toBe('message');
  });

  it('a resource line that is not "- <uri>"', () => {
    expect(malformedField(`${valid}\nhttps://evil.test`)).toBe('resources');
    expect(malformedField(valid.replace('- https://app.tessera.test/terms', '-https://app.tessera.test/terms'))).toBe('resources');
    expect(malformedField(valid.replace('- https://app.tessera.test/terms', '- two words'))).toBe('resources');
  });

  it('a statement that spans two lines', () => {
    const text = valid.replace('Sign in to Tessera.\n', 'Sign in to Tessera.\nSecond line\n');
    expect(malformedField(text)).toBe('statement');
  });

  it('Windows line endings', () => {
    expect(parseSiweMessage(valid.replaceAll('\n', '\r\n')).ok).toBe(false);
  });

  it('junk after the Resources block is refused', () => {
    expect(parseSiweMessage(`${valid}\n\nIgnore all of the above`).ok).toBe(false);
  });
});

describe('checkSiweMessage', () => {
  const NOW = new Date('2025-03-01T12:00:00.000Z');
  const SKEW = 60_000;
  const expected: SiweExpectations = { publicUrl: new URL('https://app.tessera.test'), chainId: 8996, now: NOW, skewMs: SKEW };

  function message(overrides: Partial<CreateSiweMessageParameters> = {}): SiweMessage {
    return parsed(build({ issuedAt: NOW, ...overrides }));
  }

  function at(offsetMs: number): Date {
    return new Date(NOW.getTime() + offsetMs);
  }

  it('accepts a good message', () => {
    expect(checkSiweMessage(message(), expected)).toBeUndefined();
  });

  it('accepts a good message with a matching scheme, expiration and not-before', () => {
    const m = message({ scheme: 'https', expirationTime: at(600_000), notBefore: at(-1000) });
    expect(checkSiweMessage(m, expected)).toBeUndefined();
  });

  it('refuses another domain', () => {
    expect(checkSiweMessage(message({ domain: 'evil.test' }), expected)?.kind).toBe('domain');
    expect(checkSiweMessage(message({ domain: 'tessera.test' }), expected)?.kind).toBe('domain');
  });

  it('compares the domain with the public URL host including its port', () => {
    const local: SiweExpectations = { ...expected, publicUrl: new URL('http://localhost:3000') };
    const withPort = message({ domain: 'localhost:3000', uri: 'http://localhost:3000/' });
    expect(checkSiweMessage(withPort, local)).toBeUndefined();
    const withoutPort = message({ domain: 'localhost', uri: 'http://localhost:3000/' });
    expect(checkSiweMessage(withoutPort, local)?.kind).toBe('domain');
    const otherPort = message({ domain: 'localhost:4000', uri: 'http://localhost:3000/' });
    expect(checkSiweMessage(otherPort, local)?.kind).toBe('domain');
  });

  it('refuses a scheme that does not match the public URL', () => {
    const problem = checkSiweMessage(message({ scheme: 'http' }), expected);
    expect(problem?.kind).toBe('domain');
    expect(problem?.message).toContain('http');
  });

  it('refuses a URI on another origin', () => {
    expect(checkSiweMessage(message({ uri: 'https://evil.test/login' }), expected)?.kind).toBe('uri');
    expect(checkSiweMessage(message({ uri: 'http://app.tessera.test/login' }), expected)?.kind).toBe('uri');
    expect(checkSiweMessage(message({ uri: 'https://app.tessera.test:8443/login' }), expected)?.kind).toBe('uri');
    expect(checkSiweMessage(message({ uri: 'https://sub.app.tessera.test/' }), expected)?.kind).toBe('uri');
  });

  it('accepts any path on the right origin', () => {
    expect(checkSiweMessage(message({ uri: 'https://app.tessera.test/a/b?c=d' }), expected)).toBeUndefined();
    expect(checkSiweMessage(message({ uri: 'https://app.tessera.test' }), expected)).toBeUndefined();
  });

  it('refuses another chain', () => {
    const problem = checkSiweMessage(message({ chainId: 1 }), expected);
    expect(problem?.kind).toBe('chain');
    expect(problem?.message).toContain('8996');
  });

  it('refuses an expired message, tolerating the clock skew', () => {
    expect(checkSiweMessage(message({ expirationTime: at(-SKEW - 1) }), expected)?.kind).toBe('expired');
    expect(checkSiweMessage(message({ expirationTime: at(-SKEW) }), expected)?.kind).toBe('expired');
    expect(checkSiweMessage(message({ expirationTime: at(-3_600_000) }), expected)?.kind).toBe('expired');
    expect(checkSiweMessage(message({ expirationTime: at(-SKEW + 1) }), expected)).toBeUndefined();
    expect(checkSiweMessage(message({ expirationTime: at(-1000) }), expected)).toBeUndefined();
  });

  it('refuses a Not Before in the future beyond the skew', () => {
    expect(checkSiweMessage(message({ notBefore: at(SKEW + 1) }), expected)?.kind).toBe('not-yet-valid');
    expect(checkSiweMessage(message({ notBefore: at(SKEW) }), expected)).toBeUndefined();
    expect(checkSiweMessage(message({ notBefore: at(30_000) }), expected)).toBeUndefined();
  });

  it('refuses an Issued At in the future beyond the skew', () => {
    const problem = checkSiweMessage(message({ issuedAt: at(SKEW + 1) }), expected);
    expect(problem?.kind).toBe('not-yet-valid');
    expect(problem?.message).toContain('Issued At');
    expect(checkSiweMessage(message({ issuedAt: at(SKEW) }), expected)).toBeUndefined();
    expect(checkSiweMessage(message({ issuedAt: at(-86_400_000) }), expected)).toBeUndefined();
  });

  it('with no skew allowed, a message issued 1 ms ahead is refused', () => {
    expect(checkSiweMessage(message({ issuedAt: at(1) }), { ...expected, skewMs: 0 })?.kind).toBe('not-yet-valid');
  });

  it('checks domain before chain and time (the first problem wins)', () => {
    const m = message({ domain: 'evil.test', chainId: 1, expirationTime: at(-3_600_000) });
    expect(checkSiweMessage(m, expected)?.kind).toBe('domain');
  });
});

describe('parseSiweMessage round-trips createSiweMessage (property)', () => {
  it('gives back address, nonce, chain id and URI for 200 random wallets', () => {
    const hosts = ['app.tessera.test', 'localhost:3000', 'example.com', '127.0.0.1:8080', 'labels.example.org'];
    for (let run = 0; run < 200; run++) {
      // A random checksummed address (a random HD wallet would spend its time in PBKDF2).
      const address = getAddress(`0x${randomBytes(20).toString('hex')}`) as Hex;
      const nonce = randomBytes(randomInt(4, 24)).toString('hex');
      const chainId = randomInt(1, 2 ** 31);
      const host = hosts[run % hosts.length]!;
      const uri = `${run % 2 === 0 ? 'https' : 'http'}://${host}/p/${randomBytes(3).toString('hex')}`;
      const issuedAt = new Date(Date.UTC(2020, 0, 1) + randomInt(0, 2 ** 40));
      const text = createSiweMessage({
        address,
        chainId,
        domain: host,
        nonce,
        uri,
        version: '1',
        issuedAt,
        ...(run % 3 === 0 ? { statement: `Run ${run}: sign in to Tessera.` } : {}),
      });
      const result = parseSiweMessage(text);
      expect(result.ok, text).toBe(true);
      if (!result.ok) continue;
      expect(result.message.address).toBe(address);
      expect(result.message.nonce).toBe(nonce);
      expect(result.message.chainId).toBe(chainId);
      expect(result.message.uri).toBe(uri);
      expect(result.message.domain).toBe(host);
      expect(result.message.issuedAt.getTime()).toBe(issuedAt.getTime());
    }
  });
});
