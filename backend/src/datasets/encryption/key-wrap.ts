/**
 * A version's data key at rest: AES-256-GCM under the master key (NIST SP 800-38D), the version id
 * bound as associated data so that a wrapped key copied onto another version's row does not open.
 * Layout: nonce (12) ‖ wrapped key (32) ‖ tag (16).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptionError, KEY_BYTES } from './chunked-cipher.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

function aadOf(versionId: number): Buffer {
  return Buffer.from(`tessera-dataset-key:v1:${versionId}`, 'utf8');
}

export function wrapKey(masterKey: Uint8Array, versionId: number, key: Uint8Array): Buffer {
  if (masterKey.length !== KEY_BYTES || key.length !== KEY_BYTES) throw new TypeError('keys are 32 bytes');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', masterKey, nonce);
  cipher.setAAD(aadOf(versionId));
  return Buffer.concat([nonce, cipher.update(key), cipher.final(), cipher.getAuthTag()]);
}

export function unwrapKey(masterKey: Uint8Array, versionId: number, wrapped: Uint8Array): Buffer {
  if (wrapped.length !== NONCE_BYTES + KEY_BYTES + TAG_BYTES) throw new DecryptionError('wrapped key has the wrong size');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, NONCE_BYTES));
  decipher.setAAD(aadOf(versionId));
  decipher.setAuthTag(wrapped.subarray(NONCE_BYTES + KEY_BYTES));
  const head = decipher.update(wrapped.subarray(NONCE_BYTES, NONCE_BYTES + KEY_BYTES));
  try {
    return Buffer.concat([head, decipher.final()]);
  } catch {
    throw new DecryptionError(`the key of dataset version ${versionId} does not open with this master key`);
  }
}
