/**
 * An error in one line for a log: ethers' short message when there is one (its full message carries
 * the request URL, which for a hosted RPC holds the API key), else the message.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const short = (error as { shortMessage?: unknown }).shortMessage;
    return `${error.name}: ${typeof short === 'string' ? short : error.message}`;
  }
  return String(error);
}
