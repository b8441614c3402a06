/**
 * Limits on parsed JSON that a byte limit alone does not give: nesting depth (JSON.stringify, the pg
 * driver and class-transformer recurse and overflow the stack on deep values), key counts, keys that
 * reach an object's prototype, and values PostgreSQL cannot store (NUL, unpaired surrogates,
 * numbers JSON.parse turned into Infinity). Applied to every JSON body, list filter and imported record.
 */
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

function keyPath(path: string, key: string): string {
  if (IDENTIFIER.test(key) && key.length <= SHOWN_KEY_LENGTH) return path === '' ? key : `${path}.${key}`;
  const shown = JSON.stringify(key.length > SHOWN_KEY_LENGTH ? `${key.slice(0, SHOWN_KEY_LENGTH)}…` : key);
  return `${path}[${shown}]`;
}

/** The first problem found walking `value` (depth first), or undefined when it is within limits. */
export function findJsonProblem(value: unknown, limits: JsonLimits, path = ''): JsonProblem | undefined {
  let keys = 0;
  const walk = (node: unknown, at: string, depth: number): JsonProblem | undefined => {
    if (typeof node === 'string') {
      const why = unstorableText(node);
      return why ? { kind: 'invalid-value', path: at, message: `text ${why}` } : undefined;
    }
    if (typeof node === 'number') {
      return Number.isFinite(node) ? undefined : { kind: 'invalid-value', path: at, message: 'number is out of range' };
    }
    if (typeof node !== 'object' || node === null) return undefined;
    if (depth > limits.maxDepth) {
      return { kind: 'too-complex', path: at, message: `nests deeper than ${limits.maxDepth} levels` };
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const problem = walk(node[i], `${at}[${i}]`, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    const entries = Object.keys(node);
    if (entries.length > limits.maxObjectKeys) {
      return { kind: 'too-complex', path: at, message: `has more than ${limits.maxObjectKeys} keys` };
    }
    keys += entries.length;
    if (keys > limits.maxKeys) {
      return { kind: 'too-complex', path: at, message: `the document holds more than ${limits.maxKeys} keys` };
    }
    for (const key of entries) {
      const here = keyPath(at, key);
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', path: here, message: `key "${key}" is not allowed` };
      const why = unstorableText(key);
      if (why) return { kind: 'invalid-value', path: here, message: `key ${why}` };
      const problem = walk((node as Record<string, unknown>)[key], here, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  };
  return walk(value, path, 1);
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The text, or undefined when the bytes are not valid UTF-8 (rather than replacing them with U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
