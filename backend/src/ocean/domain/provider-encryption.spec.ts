import { createDecipheriv, hkdfSync } from 'node:crypto';
import { SigningKey, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import {
  decryptFilesObject,
  eciesDecrypt,
  eciesEncrypt,
  encryptFilesObject,
  providerAddress,
  providerPublicKey,
  type FilesObject,
} from './provider-encryption.js';

/** A fixed key (not one of the public development accounts). */
const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const FILES: FilesObject = {
  nftAddress: '0xBB1081DbF3227bbB233Db68f7117114baBb43656',
  datatokenAddress: '0xfF4AE9869Cafb5Ff725f962F3Bbc22Fb303A8aD8',
  files: [{ type: 'ipfs', hash: 'QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o' }],
};
/**
 * Made outside this module, the way ocean.js 8.6.2 utils/eciesencrypt.ts does it with eciesjs 0.4.18:
 * `encrypt(PublicKey.fromHex(publicKey).toHex(), new TextEncoder().encode(JSON.stringify(FILES)))`.
 */
const OCEAN_JS_CIPHERTEXT =
  '0x0436e34dbbc203dbbfff650a9ffbdaad84de54f08c4e8ea214510d924d3f3534b27ccc31ab7e98d77afe8399d63948a58627ef60bce04c5961b1749002178614fa353fb3897ceaf036a67fa5c9dcd4761e2f9f2c76cfbc2abdddb99c9d1e2d2200e267603e2dc77403a56c97028ec7e5ea00b409f78904daf15f4681273dd006d9a0b225fbe7b525b60f4f5acc1f29a05b7f109d4846a0dce03e0031f76a86033c34098c8db29d7c961eeca93cc8535bf101bd97ff26a0e8f4aaf392db9f5bfc9dc5370f5769c44b91fcd72253e3444db47f018cc54f6c54759466c97470e53d0fd673ca560e1d4d3d013200a490b29a03189a54299579266a16dae31a95a6b2084051b8134b30cb1531e38f446cbf867f7dd19c7439e49d6313ea8b7119b5f47a6f47db75b390891f22a4185fd6';

/**
 * ECIES decryption written from the format alone (ocean-facts D; eciesjs src/index.ts, utils/symmetric.ts),
 * with node's crypto and ethers' secp256k1: ephemeral key (65) || nonce (16) || tag (16) || ciphertext,
 * key = HKDF-SHA256(ephemeral key || shared point, both uncompressed), AES-256-GCM.
 */
function independentDecrypt(privateKey: string, payload: string): Buffer {
  const bytes = Buffer.from(payload.slice(2), 'hex');
  const ephemeral = bytes.subarray(0, 65);
  const nonce = bytes.subarray(65, 81);
  const tag = bytes.subarray(81, 97);
  const ciphertext = bytes.subarray(97);
  const shared = Buffer.from(new SigningKey(privateKey).computeSharedSecret(ephemeral).slice(2), 'hex');
  const key = Buffer.from(hkdfSync('sha256', Buffer.concat([ephemeral, shared]), Buffer.alloc(0), Buffer.alloc(0), 32));
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

describe('provider encryption (ECIES as Ocean Node does it)', () => {
  it('the public key and address are those of the key', () => {
    const wallet = new Wallet(KEY);
    expect(providerPublicKey(KEY)).toBe(wallet.signingKey.publicKey);
    expect(providerAddress(KEY)).toBe(wallet.address);
  });

  it('encrypts the files object for the public key and decrypts it with the private key', () => {
    const encrypted = encryptFilesObject(providerPublicKey(KEY), FILES);
    expect(encrypted).toMatch(/^0x04[0-9a-f]+$/);
    expect(decryptFilesObject(KEY, encrypted)).toEqual(FILES);
    // Fresh ephemeral key and nonce each time.
    expect(encryptFilesObject(providerPublicKey(KEY), FILES)).not.toBe(encrypted);
  });

  it('what it encrypts follows the wire format (checked by an independent decryption)', () => {
    const encrypted = eciesEncrypt(providerPublicKey(KEY), new TextEncoder().encode('hello ocean'));
    expect(independentDecrypt(KEY, encrypted).toString('utf8')).toBe('hello ocean');
    // 65 + 16 + 16 + plaintext length.
    expect((encrypted.length - 2) / 2).toBe(97 + 'hello ocean'.length);
  });

  it('decrypts a payload made the way ocean.js and eciesjs make it', () => {
    expect(decryptFilesObject(KEY, OCEAN_JS_CIPHERTEXT)).toEqual(FILES);
    expect(independentDecrypt(KEY, OCEAN_JS_CIPHERTEXT).toString('utf8')).toBe(JSON.stringify(FILES));
  });

  it('another key cannot decrypt, and a changed byte is detected', () => {
    const other = Wallet.createRandom().privateKey;
    expect(() => eciesDecrypt(other, OCEAN_JS_CIPHERTEXT)).toThrow();
    const tampered = OCEAN_JS_CIPHERTEXT.slice(0, -2) + (OCEAN_JS_CIPHERTEXT.endsWith('00') ? '01' : '00');
    expect(() => eciesDecrypt(KEY, tampered)).toThrow();
  });

  it('refuses a payload that is not a files object', () => {
    const encrypted = eciesEncrypt(providerPublicKey(KEY), new TextEncoder().encode(JSON.stringify({ files: [] })));
    expect(() => decryptFilesObject(KEY, encrypted)).toThrow(/files object/);
  });
});
