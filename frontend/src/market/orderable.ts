import type { Orderable } from './purchase';
import type { MarketAssetPage } from './types';

/** What buying an asset needs, from its page: its first access service's datatoken and price. */
export function orderableOf(asset: MarketAssetPage): Orderable | undefined {
  const services = Array.isArray(asset.ddo?.['services']) ? (asset.ddo['services'] as Array<Record<string, unknown>>) : [];
  const serviceIndex = services.findIndex((service) => service['type'] === 'access');
  const service = services[serviceIndex];
  if (!service) return undefined;
  const datatoken = asset.chain.datatokens.find(
    (token) => token.address.toLowerCase() === String(service['datatokenAddress']).toLowerCase(),
  );
  const price = datatoken?.prices[0];
  if (!datatoken || !price) return undefined;
  const base = { did: asset.did, serviceId: String(service['id']), serviceIndex, datatoken: datatoken.address };
  if (price['type'] === 'dispenser') return { ...base, price: { type: 'dispenser', dispenser: String(price['contract']) } };
  if (price['type'] === 'fixedrate') {
    return {
      ...base,
      price: {
        type: 'fixedrate',
        exchangeContract: String(price['contract']),
        exchangeId: String(price['exchangeId']),
        baseToken: String(price['token']),
      },
    };
  }
  return undefined;
}
