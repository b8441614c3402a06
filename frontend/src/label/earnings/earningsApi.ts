import { api } from '../../session/api';
import type { ClaimProof, Earnings, RelayedClaim } from './types';

/** The earnings page's API calls, all on the signed-in annotator's own account. */

export async function getEarnings(): Promise<Earnings> {
  return (await api<Earnings>('GET', '/api/me/earnings')).body;
}

export async function getClaimProof(epochId: number): Promise<ClaimProof> {
  return (await api<ClaimProof>('GET', `/api/me/epochs/${epochId}/proof`)).body;
}

export async function requestGasFreeClaim(epochId: number): Promise<RelayedClaim> {
  return (await api<RelayedClaim>('POST', `/api/me/epochs/${epochId}/claim`)).body;
}
