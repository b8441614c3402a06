import { API_URL, httpClient } from '../dataProvider';
import type { Listing, Revenue, SalesSettings } from './types';

/** The sales routes react-admin's data provider has no verb for: revenue, the share setting, listing. */
export const salesApi = {
  async revenue(): Promise<Revenue> {
    return (await httpClient(`${API_URL}/sales/revenue`)).json as Revenue;
  },
  async settings(): Promise<SalesSettings> {
    return (await httpClient(`${API_URL}/sales/settings`)).json as SalesSettings;
  },
  async updateSettings(shareBps: number): Promise<SalesSettings> {
    return (await httpClient(`${API_URL}/sales/settings`, { method: 'PUT', body: JSON.stringify({ shareBps }) })).json as SalesSettings;
  },
  async setListing(versionId: number, listed: boolean): Promise<Listing> {
    const url = `${API_URL}/datasets/${encodeURIComponent(String(versionId))}/listing`;
    return (await httpClient(url, { method: 'POST', body: JSON.stringify({ listed }) })).json as Listing;
  },
};

/** A share typed as a percentage (at most two decimals, 0 to 100) in basis points; undefined when it is not one. */
export function percentToBps(text: string): number | undefined {
  const value = text.trim();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) return undefined;
  const bps = Math.round(Number(value) * 100);
  return bps <= 10_000 ? bps : undefined;
}

export function bpsToPercent(bps: number): string {
  return String(bps / 100);
}
