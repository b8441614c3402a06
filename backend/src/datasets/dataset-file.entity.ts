import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DatasetVersionEntity } from './dataset-version.entity.js';

/** One stored file of a version: written once its encrypted bytes are in the store (a build resumes past it). */
@Entity('dataset_files')
export class DatasetFileEntity {
  @PrimaryColumn({ type: 'integer', name: 'version_id' })
  versionId: number;

  @ManyToOne(() => DatasetVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: DatasetVersionEntity;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  /** Order among the version's files. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 30 })
  format: string;

  @Column({ type: 'varchar', length: 100, name: 'media_type' })
  mediaType: string;

  /** Plaintext size. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  bytes: number;

  /** sha256 of the plaintext, hex. */
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** The encrypted file's CID (what the StoragePort gave). */
  @Column({ type: 'varchar', length: 100 })
  cid: string;

  @Column({ type: 'bigint', name: 'encrypted_bytes', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  encryptedBytes: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
