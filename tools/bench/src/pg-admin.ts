import { Client } from 'pg';

/** One statement on a connection of its own (schemas and databases the bench creates and drops). */
export async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export const dropSchema = (url: string, schema: string): Promise<void> => adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
