/**
 * EIP-4361 (Sign-In with Ethereum) messages: parsing and the checks that do not need IO.
 * The grammar is the EIP's ABNF; fields appear in its fixed order.
 */
export interface SiweMessage {
  scheme?: string;
  domain: string;
  address: string;
  statement?: string;
  uri: string;
  version: string;
  chainId: number;
  nonce: string;
  issuedAt: Date;
  expirationTime?: Date;
  notBefore?: Date;
  requestId?: string;
  resources: string[];
}

export type SiweProblem =
  | { kind: 'malformed'; field: string; message: string }
  | { kind: 'domain'; message: string }
  | { kind: 'uri'; message: string }
  | { kind: 'chain'; message: string }
  | { kind: 'expired'; message: string }
  | { kind: 'not-yet-valid'; message: string };

const HEADER = / wants you to sign in with your Ethereum account:$/;
const RFC3339_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function malformed(field: string, message: string): { ok: false; problem: SiweProblem } {
  return { ok: false, problem: { kind: 'malformed', field, message } };
}

function parseTime(value: string): Date | undefined {
  const parts = RFC3339_PARTS.exec(value);
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map((part) => Number(part)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // `new Date` rolls impossible dates over (Feb 30 -> Mar 2); refuse them instead.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const FIELD_NAMES: Record<string, string> = {
  URI: 'uri',
  Version: 'version',
  'Chain ID': 'chainId',
  Nonce: 'nonce',
  'Issued At': 'issuedAt',
};

export function parseSiweMessage(text: string): { ok: true; message: SiweMessage } | { ok: false; problem: SiweProblem } {
  const lines = text.split('\n');
  let i = 0;
  const header = lines[i++] ?? '';
  if (!HEADER.test(header)) return malformed('message', 'first line must be "<domain> wants you to sign in with your Ethereum account:"');
  const origin = header.replace(HEADER, '');
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.+)$/.exec(origin);
  const domain = schemeMatch ? schemeMatch[2]! : origin;
  if (domain === '' || /\s/.test(domain)) return malformed('domain', 'domain is missing or holds spaces');
  const address = lines[i++] ?? '';
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) return malformed('address', 'address line must be a 0x-prefixed 20-byte hex address');
  if (lines[i++] !== '') return malformed('message', 'an empty line must follow the address');
  let statement: string | undefined;
  if (lines[i] !== '' && !(lines[i] ?? '').startsWith('URI: ')) {
    statement = lines[i++];
    if (lines[i++] !== '') return malformed('statement', 'an empty line must follow the statement');
  } else if (lines[i] === '') {
    i++;
  }
  const fields = new Map<string, string>();
  const order = ['URI', 'Version', 'Chain ID', 'Nonce', 'Issued At', 'Expiration Time', 'Not Before', 'Request ID'];
  let position = 0;
  const resources: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' && i === lines.length - 1) break;
    if (line === 'Resources:') {
      for (i++; i < lines.length && lines[i] !== ''; i++) {
        const resource = /^- (\S+)$/.exec(lines[i]!);
        if (!resource) return malformed('resources', 'each resource line must be "- <uri>"');
        resources.push(resource[1]!);
      }
      // Only a final newline may follow the resources.
      if (i < lines.length - 1 || (i === lines.length - 1 && lines[i] !== '')) {
        return malformed('resources', 'nothing may follow the resources list');
      }
      break;
    }
    const match = /^([A-Za-z ]+): (.*)$/.exec(line);
    if (!match) return malformed('message', `unexpected line "${line.slice(0, 80)}"`);
    const key = match[1]!;
    const at = order.indexOf(key, position);
    if (at === -1) return malformed('message', `field "${key}" is unknown or out of order`);
    position = at + 1;
    fields.set(key, match[2]!);
  }
  for (const required of ['URI', 'Version', 'Chain ID', 'Nonce', 'Issued At']) {
    if (!fields.has(required)) return malformed(FIELD_NAMES[required]!, `field "${required}" is missing`);
  }
  const version = fields.get('Version')!;
  if (version !== '1') return malformed('version', 'Version must be 1');
  const chainText = fields.get('Chain ID')!;
  if (!/^[1-9]\d*$/.test(chainText)) return malformed('chainId', 'Chain ID must be a positive integer');
  const nonce = fields.get('Nonce')!;
  if (!/^[a-zA-Z0-9]{8,}$/.test(nonce)) return malformed('nonce', 'Nonce must be at least 8 letters or digits');
  const uri = fields.get('URI')!;
  try {
    new URL(uri);
  } catch {
    return malformed('uri', 'URI must be an absolute URI');
  }
  const issuedAt = parseTime(fields.get('Issued At')!);
  if (!issuedAt) return malformed('issuedAt', 'Issued At must be an RFC 3339 date-time');
  const message: SiweMessage = { domain, address, uri, version, chainId: Number(chainText), nonce, issuedAt, resources };
  if (schemeMatch) message.scheme = schemeMatch[1]!;
  if (statement !== undefined) message.statement = statement;
  for (const [key, prop] of [
    ['Expiration Time', 'expirationTime'],
    ['Not Before', 'notBefore'],
  ] as const) {
    const raw = fields.get(key);
    if (raw === undefined) continue;
    const date = parseTime(raw);
    if (!date) return malformed(prop, `${key} must be an RFC 3339 date-time`);
    message[prop] = date;
  }
  if (fields.has('Request ID')) message.requestId = fields.get('Request ID')!;
  return { ok: true, message };
}

export interface SiweExpectations {
  /** The configured public URL: its host is the expected domain, its origin the expected URI origin. */
  publicUrl: URL;
  chainId: number;
  now: Date;
  /** Allowed clock difference between the wallet and the server. */
  skewMs: number;
}

/** The checks EIP-4361 asks of a relying party, short of the nonce and the signature. */
export function checkSiweMessage(message: SiweMessage, expected: SiweExpectations): SiweProblem | undefined {
  if (message.domain !== expected.publicUrl.host) {
    return { kind: 'domain', message: `message is for "${message.domain}", this server is "${expected.publicUrl.host}"` };
  }
  if (message.scheme !== undefined && `${message.scheme}:` !== expected.publicUrl.protocol) {
    return { kind: 'domain', message: `message scheme "${message.scheme}" does not match ${expected.publicUrl.protocol}` };
  }
  if (new URL(message.uri).origin !== expected.publicUrl.origin) {
    return { kind: 'uri', message: `URI must be on ${expected.publicUrl.origin}` };
  }
  if (message.chainId !== expected.chainId) {
    return { kind: 'chain', message: `message is for chain ${message.chainId}, this server uses chain ${expected.chainId}` };
  }
  const now = expected.now.getTime();
  if (message.expirationTime && message.expirationTime.getTime() <= now - expected.skewMs) {
    return { kind: 'expired', message: 'message has expired' };
  }
  if (message.notBefore && message.notBefore.getTime() > now + expected.skewMs) {
    return { kind: 'not-yet-valid', message: 'message is not valid yet (Not Before)' };
  }
  if (message.issuedAt.getTime() > now + expected.skewMs) {
    return { kind: 'not-yet-valid', message: 'Issued At is in the future' };
  }
  return undefined;
}
