import { join } from "node:path";
import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";

export const MIGRATIONS_FOLDER = join(process.cwd(), "db", "migrations");

/** Applies pending migrations; safe to run at every start and from several processes. */
export async function runMigrations(client: Client): Promise<void> {
  // WAL persists in the file, so setting it once is enough; a libSQL server manages its own journal.
  // (The client tells its kind by `protocol`: "file" for the embedded database.)
  if (client.protocol === "file") {
    await client.execute("PRAGMA journal_mode=WAL");
  }
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
}
