/** keccak256("NFTCreated(address,address,string,address,string,string,bool,address)"): ERC721Factory's event. */
export const NFT_CREATED = '0x8125264ec1d174cb383ea0646ea1e6921ca3b0aba20370c8e18389e7c2d6a571';

/**
 * The address of every NFT the factory created, read straight from the chain (eth_getLogs at `rpcUrl`):
 * how a test proves "exactly one NFT" whatever the platform recorded.
 */
export async function createdNfts(rpcUrl: string, factory: string): Promise<string[]> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_getLogs',
      params: [{ address: factory, fromBlock: '0x0', toBlock: 'latest', topics: [NFT_CREATED] }],
    }),
  });
  const { result } = (await response.json()) as { result: Array<{ data: string }> };
  // newTokenAddress is the event's first (unindexed) argument.
  return result.map((log) => `0x${log.data.slice(26, 66)}`.toLowerCase());
}
