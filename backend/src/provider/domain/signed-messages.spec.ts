import { signRequest } from '@oceanprotocol/lib';
import { getBytes, hexlify, keccak256, solidityPackedKeccak256, toUtf8Bytes, verifyMessage, Wallet, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { providerDataHex, providerFeeDigest, requestDigest, requestMessages } from './signed-messages.js';

describe('signed messages', () => {
  it("a request's digest is keccak-256 of consumerAddress + nonce + command, as ocean.js signs it", () => {
    const consumer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect(hexlify(requestDigest(consumer, '7', 'download'))).toBe(keccak256(toUtf8Bytes(`${consumer}7download`)));
  });

  it("a request may be signed over the digest without its leading zero bytes, as ocean.js's toBeArray leaves it", async () => {
    // Hardhat's account #1: the digest of nonce 34's download starts with 0x00.
    const wallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    const digest = requestDigest(wallet.address, '34', 'download');
    expect(digest[0]).toBe(0);
    const messages = requestMessages(wallet.address, '34', 'download');
    expect(messages.map((message) => message.length)).toEqual([32, 32 - digest.findIndex((byte) => byte !== 0)]);
    const byOceanJs = await signRequest(wallet, `${wallet.address}34download`);
    expect(verifyMessage(messages[0]!, byOceanJs)).not.toBe(wallet.address);
    expect(verifyMessage(messages[1]!, byOceanJs)).toBe(wallet.address);
    // A digest without a leading zero byte is the one message.
    expect(requestMessages(wallet.address, '7', 'download')).toEqual([getBytes(requestDigest(wallet.address, '7', 'download'))]);
  });

  it("the provider fee's digest is solidityPackedKeccak256(bytes, address, address, uint256, uint256), as Ocean Node's feesHandler", () => {
    const fee = {
      providerData: providerDataHex('0x1111111111111111111111111111111111111111', 'access'),
      providerFeeAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      providerFeeToken: ZeroAddress,
      providerFeeAmount: 0n,
      validUntil: 1_900_000_000n,
    };
    expect(JSON.parse(Buffer.from(getBytes(fee.providerData)).toString())).toEqual({
      dt: '0x1111111111111111111111111111111111111111',
      id: 'access',
    });
    expect(hexlify(providerFeeDigest(fee))).toBe(
      solidityPackedKeccak256(
        ['bytes', 'address', 'address', 'uint256', 'uint256'],
        [fee.providerData, fee.providerFeeAddress, fee.providerFeeToken, fee.providerFeeAmount, fee.validUntil],
      ),
    );
  });
});
