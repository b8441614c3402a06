import pg from 'pg';

/** One statement on its own connection to `url`: for tests that look at what the platform's processes wrote. */
export async function queryOnce<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
