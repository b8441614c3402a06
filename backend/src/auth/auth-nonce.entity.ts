import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('auth_nonces')
@Index('auth_nonces_expires_at_idx', ['expiresAt'])
export class AuthNonceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  nonce: string;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;
}
