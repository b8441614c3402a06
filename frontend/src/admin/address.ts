/** `0xf39F…2266`: enough of an address to tell wallets apart in a table or the app bar. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}
