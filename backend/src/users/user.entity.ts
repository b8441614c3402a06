import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Lower-case hex; responses show the checksummed form. */
  @Index('users_address_key', { unique: true })
  @Column({ type: 'varchar', length: 42 })
  address: string;

  @Column({ type: 'text', array: true, default: () => "'{annotator}'" })
  roles: string[];

  /**
   * The part of `roles` held only because ADMIN_ADDRESSES lists the address: revoked at boot once it
   * is no longer listed. A role an admin granted in the console is never in here.
   */
  @Column({ type: 'text', array: true, name: 'configured_roles', default: () => "'{}'" })
  configuredRoles: string[];

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'last_sign_in_at', nullable: true })
  lastSignInAt: Date | null;
}
