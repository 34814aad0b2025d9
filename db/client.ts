import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { env } from "@/lib/env";
import * as schema from "./schema";

export function openClient(url = env.DATABASE_URL, authToken = env.DATABASE_AUTH_TOKEN): Client {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length).split("?")[0];
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  // `timeout` is the busy timeout of every connection, including the ones a transaction
  // opens; a per-connection PRAGMA would be lost there.
  return createClient({ url, authToken, timeout: 5000 });
}

const globalForDb = globalThis as unknown as { __markbookClient?: Client };

export const client = globalForDb.__markbookClient ?? openClient();
// Next's dev server re-evaluates modules; keep one pool per process.
globalForDb.__markbookClient = client;

export const db = drizzle(client, { schema });
export type Db = typeof db;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: queries accept both so they compose. */
export type DbOrTx = Db | Tx;
