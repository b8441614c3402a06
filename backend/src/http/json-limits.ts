/**
 * Limits on parsed JSON that a byte limit alone does not give: nesting depth (JSON.stringify, the pg
 * driver and class-transformer recurse and overflow the stack on deep values), key counts, keys that
 * reach an object's prototype, and values PostgreSQL cannot store (NUL, unpaired surrogates,
 * numbers JSON.parse turned into Infinity). Applied to every JSON body, list filter and imported record.
 */
import { isUtf8 } from 'node:buffer';
import { AppException, ErrorCode } from '../errors/app.exception.js';

export interface JsonLimits {
  /** Containers inside containers: `{"a": [1]}` is 2 deep. */
  readonly maxDepth: number;
  /** Object keys in the whole document. */
  readonly maxKeys: number;
  readonly maxObjectKeys: number;
}

export type JsonProblemKind = 'too-complex' | 'invalid-value' | 'forbidden-key';

export interface JsonProblem {
  kind: JsonProblemKind;
  /** Where, as validation errors name fields: `data.tags[3]`; '' for the document itself. */
  path: string;
  message: string;
}

/** Assigned on a plain object, these reach its prototype (prototype pollution); no Tessera field uses them. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// eslint-disable-next-line no-control-regex
const NOT_STORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SHOWN_KEY_LENGTH = 40;

/** Why a string cannot be stored in PostgreSQL text or jsonb, if it cannot. */
export function unstorableText(text: string): string | undefined {
  const match = NOT_STORABLE.exec(text);
  if (!match) return undefined;
  return match[0] === '\u0000' ? 'holds a NUL character (\\u0000)' : 'holds an unpaired UTF-16 surrogate (not valid Unicode)';
}

const NOT_STORABLE_EVERYWHERE = new RegExp(NOT_STORABLE.source, 'g');

/** `text` with every NUL and unpaired surrogate replaced by U+FFFD: what PostgreSQL can store of it. */
export function storableText(text: string): string {
  return text.replace(NOT_STORABLE_EVERYWHERE, '\uFFFD');
}

function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key) && key.length <= SHOWN_KEY_LENGTH) return path === '' ? key : `${path}.${key}`;
  const shown = JSON.stringify(key.length > SHOWN_KEY_LENGTH ? `${key.slice(0, SHOWN_KEY_LENGTH)}…` : key);
  return `${path}[${shown}]`;
}

/** The path of the walk's current node, built only when there is a problem to name (every body is walked). */
function pathOf(root: string, steps: ReadonlyArray<string | number>): string {
  return steps.reduce<string>((at, step) => (typeof step === 'number' ? `${at}[${step}]` : keyPath(at, step)), root);
}

/** The first problem found walking `value` (depth first), or undefined when it is within limits. */
export function findJsonProblem(value: unknown, limits: JsonLimits, path = ''): JsonProblem | undefined {
  let keys = 0;
  const steps: Array<string | number> = [];
  const problem = (kind: JsonProblemKind, message: string): JsonProblem => ({ kind, path: pathOf(path, steps), message });
  const walk = (node: unknown, depth: number): JsonProblem | undefined => {
    if (typeof node === 'string') {
      const why = unstorableText(node);
      return why ? problem('invalid-value', `text ${why}`) : undefined;
    }
    if (typeof node === 'number') return Number.isFinite(node) ? undefined : problem('invalid-value', 'number is out of range');
    if (typeof node !== 'object' || node === null) return undefined;
    if (depth > limits.maxDepth) return problem('too-complex', `nests deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        steps.push(i);
        const found = walk(node[i], depth + 1);
        if (found) return found;
        steps.pop();
      }
      return undefined;
    }
    const entries = Object.keys(node);
    if (entries.length > limits.maxObjectKeys) return problem('too-complex', `has more than ${limits.maxObjectKeys} keys`);
    keys += entries.length;
    if (keys > limits.maxKeys) return problem('too-complex', `the document holds more than ${limits.maxKeys} keys`);
    for (const key of entries) {
      steps.push(key);
      if (FORBIDDEN_KEYS.has(key)) return problem('forbidden-key', `key "${key}" is not allowed`);
      const why = unstorableText(key);
      if (why) return problem('invalid-value', `key ${why}`);
      const found = walk((node as Record<string, unknown>)[key], depth + 1);
      if (found) return found;
      steps.pop();
    }
    return undefined;
  };
  return walk(value, 1);
}

const CODES: Record<JsonProblemKind, ErrorCode> = {
  'too-complex': ErrorCode.JSON_TOO_COMPLEX,
  'invalid-value': ErrorCode.INVALID_VALUE,
  'forbidden-key': ErrorCode.VALIDATION_FAILED,
};

/** Throws the problem as a client error naming the field; `root` names the document itself. */
export function assertJsonWithinLimits(value: unknown, limits: JsonLimits, root: string, path = ''): void {
  const problem = findJsonProblem(value, limits, path);
  if (!problem) return;
  const field = problem.path === '' ? root : problem.path;
  throw new AppException(CODES[problem.kind], `${field} ${problem.message}`, field);
}

/** The text, or undefined when the bytes are not valid UTF-8 (rather than replacing them with U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  // Node's native check, then its native decoder: several times cheaper than a fatal TextDecoder per body.
  if (!isUtf8(bytes)) return undefined;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // A leading byte order mark is not part of the text (as TextDecoder drops it).
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
