import { createRequire } from 'node:module';
import { getAddress, Interface, type InterfaceAbi, type LogDescription } from 'ethers';
import { storableText } from '../http/json-limits.js';
import type { OceanEvent, OceanEventName } from './domain/ocean-events.js';

const require = createRequire(import.meta.url);
const abi = (path: string) =>
  new Interface((require(`@oceanprotocol/contracts/artifacts/contracts/${path}.json`) as { abi: InterfaceAbi }).abi);

const factory = abi('ERC721Factory.sol/ERC721Factory');
const nft = abi('templates/ERC721Template.sol/ERC721Template');
const datatoken = abi('templates/ERC20TemplateEnterprise.sol/ERC20TemplateEnterprise');
const exchange = abi('pools/fixedRate/FixedRateExchange.sol/FixedRateExchange');
const dispenser = abi('pools/dispenser/Dispenser.sol/Dispenser');

/** Which contract of the deployment may emit an event, by the role the indexer knows it in. */
export type EmitterRole = 'factory' | 'nft' | 'datatoken' | 'exchange' | 'dispenser';

const EVENTS: ReadonlyArray<[OceanEventName, Interface, EmitterRole]> = [
  ['NFTCreated', factory, 'factory'],
  ['TokenCreated', factory, 'factory'],
  ['MetadataCreated', nft, 'nft'],
  ['MetadataUpdated', nft, 'nft'],
  ['MetadataState', nft, 'nft'],
  ['OrderStarted', datatoken, 'datatoken'],
  ['OrderReused', datatoken, 'datatoken'],
  ['ExchangeCreated', exchange, 'exchange'],
  ['ExchangeRateChanged', exchange, 'exchange'],
  ['ExchangeActivated', exchange, 'exchange'],
  ['ExchangeDeactivated', exchange, 'exchange'],
  ['Swapped', exchange, 'exchange'],
  ['DispenserCreated', dispenser, 'dispenser'],
  ['DispenserActivated', dispenser, 'dispenser'],
  ['DispenserDeactivated', dispenser, 'dispenser'],
  ['TokensDispensed', dispenser, 'dispenser'],
];

const BY_TOPIC = new Map(EVENTS.map(([name, iface, role]) => [iface.getEvent(name)!.topicHash, { name, iface, role }]));

/** topic0 of every event the indexer follows (one eth_getLogs asks for all of them). */
export const OCEAN_TOPICS: readonly string[] = [...BY_TOPIC.keys()];

const str = (value: unknown) => (value as bigint).toString();
const num = (value: unknown) => Number(value);
const addr = (value: unknown) => getAddress(value as string);
/**
 * A string argument as PostgreSQL can store it: anyone can emit these events with any text, and a
 * NUL would be refused with the whole block range.
 */
const text = (value: unknown) => storableText(value as string);

function shape(name: OceanEventName, a: LogDescription['args']): OceanEvent {
  switch (name) {
    case 'NFTCreated':
      return {
        name,
        nft: addr(a[0]),
        template: addr(a[1]),
        tokenName: text(a[2]),
        owner: addr(a[3]),
        symbol: text(a[4]),
        tokenURI: text(a[5]),
        creator: addr(a[7]),
      };
    case 'TokenCreated':
      return {
        name,
        datatoken: addr(a[0]),
        template: addr(a[1]),
        tokenName: text(a[2]),
        symbol: text(a[3]),
        cap: str(a[4]),
        creator: addr(a[5]),
      };
    case 'MetadataCreated':
    case 'MetadataUpdated':
      return {
        name,
        by: addr(a[0]),
        state: num(a[1]),
        decryptorUrl: text(a[2]),
        flags: a[3] as string,
        data: a[4] as string,
        hash: a[5] as string,
        timestamp: num(a[6]),
      };
    case 'MetadataState':
      return { name, by: addr(a[0]), state: num(a[1]), timestamp: num(a[2]) };
    case 'OrderStarted':
      return {
        name,
        consumer: addr(a[0]),
        payer: addr(a[1]),
        amount: str(a[2]),
        serviceIndex: num(a[3]),
        timestamp: num(a[4]),
        publishMarketAddress: addr(a[5]),
      };
    case 'OrderReused':
      return { name, orderTxId: a[0] as string, caller: addr(a[1]), timestamp: num(a[2]) };
    case 'ExchangeCreated':
      return { name, exchangeId: a[0] as string, baseToken: addr(a[1]), datatoken: addr(a[2]), owner: addr(a[3]), rate: str(a[4]) };
    case 'ExchangeRateChanged':
      return { name, exchangeId: a[0] as string, rate: str(a[2]) };
    case 'ExchangeActivated':
    case 'ExchangeDeactivated':
      return { name, exchangeId: a[0] as string };
    case 'Swapped':
      return {
        name,
        exchangeId: a[0] as string,
        by: addr(a[1]),
        baseTokenSwappedAmount: str(a[2]),
        datatokenSwappedAmount: str(a[3]),
        tokenOutAddress: addr(a[4]),
        marketFeeAmount: str(a[5]),
        oceanFeeAmount: str(a[6]),
        consumeMarketFeeAmount: str(a[7]),
      };
    case 'DispenserCreated':
      return { name, datatoken: addr(a[0]), owner: addr(a[1]), maxTokens: str(a[2]), maxBalance: str(a[3]) };
    case 'DispenserActivated':
    case 'DispenserDeactivated':
      return { name, datatoken: addr(a[0]) };
    case 'TokensDispensed':
      return { name, datatoken: addr(a[0]), user: addr(a[1]), amount: str(a[2]) };
  }
}

/**
 * The event a log holds and the role its emitter must have, or null for a log that is none of the
 * followed events (or that does not decode: another contract reusing a topic with other fields).
 */
export function decodeOceanLog(log: { topics: readonly string[]; data: string }): { event: OceanEvent; role: EmitterRole } | null {
  const known = log.topics[0] ? BY_TOPIC.get(log.topics[0]) : undefined;
  if (!known) return null;
  // ethers reports a field that does not decode (an "address" topic past 160 bits, a string that is
  // not UTF-8) when it is read, so shaping the event is inside the try too.
  try {
    const parsed: LogDescription | null = known.iface.parseLog({ topics: [...log.topics], data: log.data });
    return parsed ? { event: shape(known.name, parsed.args), role: known.role } : null;
  } catch {
    return null;
  }
}
