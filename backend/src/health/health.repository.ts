import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(private readonly db: DataSource) {}

  /** Whether the database answers a query now. */
  async databaseAnswers(): Promise<boolean> {
    return this.ping().then(
      () => true,
      () => false,
    );
  }

  /** Resolves once the database answers a query through the application's pool. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
