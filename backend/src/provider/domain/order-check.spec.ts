import { describe, expect, it } from 'vitest';
import { orderRefusal, stateAllowsOrdering, type OrderExpectation, type OrderFacts } from './order-check.js';

const DT = '0x1111111111111111111111111111111111111111';
const NFT = '0x2222222222222222222222222222222222222222';
const BUYER = '0x3333333333333333333333333333333333333333';
const PAYER = '0x4444444444444444444444444444444444444444';
const PROVIDER = '0x5555555555555555555555555555555555555555';

const expected: OrderExpectation = {
  datatoken: DT,
  nftAddress: NFT,
  serviceId: 'access',
  serviceIndex: 0,
  consumer: BUYER,
  providerAddress: PROVIDER,
  timeout: 3600,
  now: 10_000,
};

const facts: OrderFacts = {
  to: DT.toUpperCase().replace('0X', '0x'),
  mined: true,
  succeeded: true,
  datatokenNft: NFT,
  deployedByNft: true,
  orderStarted: [{ emitter: DT, consumer: BUYER, payer: PAYER, serviceIndex: 0 }],
  providerFees: [{ emitter: DT, providerFeeAddress: PROVIDER, providerData: { dt: DT, id: 'access' }, validUntil: 0n }],
  orderTimestamp: 9_000,
};

describe('orderRefusal', () => {
  it('accepts an order for the consumer (or paid by them), addresses in any case', () => {
    expect(orderRefusal(facts, expected)).toBeNull();
    expect(orderRefusal(facts, { ...expected, consumer: PAYER.toUpperCase().replace('0X', '0x') })).toBeNull();
    expect(orderRefusal(facts, { ...expected, timeout: 0, now: 10 ** 9 })).toBeNull();
  });

  it.each<[string, Partial<OrderFacts>, Partial<OrderExpectation>, RegExp]>([
    ['not mined', { mined: false }, {}, /not mined/],
    ['reverted', { succeeded: false }, {}, /reverted/],
    ['sent elsewhere (a router batch)', { to: NFT }, {}, /not sent to the service's datatoken/],
    ['a datatoken of another NFT', { datatokenNft: PAYER }, {}, /does not belong/],
    ['a datatoken the NFT did not deploy', { deployedByNft: false }, {}, /does not belong/],
    ['no OrderStarted', { orderStarted: [] }, {}, /no OrderStarted/],
    ['an OrderStarted of another contract', { orderStarted: [{ ...facts.orderStarted[0]!, emitter: NFT }] }, {}, /no OrderStarted/],
    ['ordered by someone else', {}, { consumer: PROVIDER }, /not made by or for/],
    ['for another service', {}, { serviceIndex: 1, serviceId: 'other' }, /another service/],
    ['no provider fee', { providerFees: [] }, {}, /no provider fee/],
    ["another provider's fee", { providerFees: [{ ...facts.providerFees[0]!, providerFeeAddress: PAYER }] }, {}, /no provider fee/],
    [
      'a fee for another datatoken',
      { providerFees: [{ ...facts.providerFees[0]!, providerData: { dt: NFT, id: 'access' } }] },
      {},
      /no provider fee/,
    ],
    [
      'a fee for another service',
      { providerFees: [{ ...facts.providerFees[0]!, providerData: { dt: DT, id: 'x' } }] },
      {},
      /no provider fee/,
    ],
    ['a fee that is not JSON', { providerFees: [{ ...facts.providerFees[0]!, providerData: null }] }, {}, /no provider fee/],
    ['a fee expired at order time', { providerFees: [{ ...facts.providerFees[0]!, validUntil: 8_999n }] }, {}, /provider fee had expired/],
    ['an order past the timeout', {}, { now: 9_000 + 3601 }, /The order has expired/],
  ])('refuses %s', (_what, factChange, expectationChange, message) => {
    expect(orderRefusal({ ...facts, ...factChange }, { ...expected, ...expectationChange })).toMatch(message);
  });
});

describe('stateAllowsOrdering', () => {
  it("allows only an active asset (not Ocean Node's index test, which lets 1 through and refuses 5)", () => {
    expect([0, 1, 2, 3, 4, 5].map(stateAllowsOrdering)).toEqual([true, false, false, false, false, false]);
  });
});
