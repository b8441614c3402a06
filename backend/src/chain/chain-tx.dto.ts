import { ApiProperty } from '@nestjs/swagger';
import type { ChainTxEntity } from './chain-tx.entity.js';

export const CHAIN_TX_FILTERS = ['id', 'status', 'lane', 'q'] as const;
export const CHAIN_TX_SORTS = ['id', 'createdAt', 'updatedAt', 'status'] as const;

/** One of the platform's chain transactions, from intent to confirmation (the admin console's payouts). */
export class PayoutTxDto {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'epoch:3:post' }) purpose: string;
  @ApiProperty({ enum: ['payout', 'relay'], enumName: 'PayoutLane' }) lane: string;
  @ApiProperty({ enum: ['intent', 'signed', 'confirmed', 'failed', 'cancelled'], enumName: 'PayoutStatus' }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The latest version signed, or the one mined' }) hash: string | null;
  @ApiProperty({ description: 'Versions signed (more than one: replaced with higher fees)' }) versions: number;
  @ApiProperty({ nullable: true, type: String }) sender: string | null;
  @ApiProperty({ nullable: true, type: Number }) nonce: number | null;
  @ApiProperty({ nullable: true, type: Number }) blockNumber: number | null;
  @ApiProperty({ nullable: true, type: Number }) gasUsed: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed for good' }) error: string | null;
  @ApiProperty({ description: 'Tries that went wrong (the transaction stays pending and is retried)' }) attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Not tried again before' }) nextAttemptAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export function mapPayoutTx(tx: ChainTxEntity, versions: number): PayoutTxDto {
  return {
    id: tx.id,
    purpose: tx.purpose,
    lane: tx.lane,
    status: tx.status,
    hash: tx.hash,
    versions,
    sender: tx.sender,
    nonce: tx.nonce,
    blockNumber: tx.blockNumber,
    gasUsed: tx.gasUsed,
    error: tx.error,
    attempts: tx.attempts,
    lastError: tx.lastError,
    nextAttemptAt: tx.nextAttemptAt?.toISOString() ?? null,
    createdAt: tx.createdAt.toISOString(),
    updatedAt: tx.updatedAt.toISOString(),
  };
}
