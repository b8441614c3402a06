import { getBytes, hexlify, keccak256, solidityPackedKeccak256, toUtf8Bytes, ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { providerDataHex, providerFeeDigest, requestDigest } from './signed-messages.js';

describe('signed messages', () => {
  it("a request's digest is keccak-256 of consumerAddress + nonce + command, as ocean.js signs it", () => {
    const consumer = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    expect(hexlify(requestDigest(consumer, '7', 'download'))).toBe(keccak256(toUtf8Bytes(`${consumer}7download`)));
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
