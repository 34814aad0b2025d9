import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { withReplicas } from "drizzle-orm/sqlite-core";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { serializeWrites } from "./write-lock";

export function isFileUrl(url: string) {
  return url.startsWith("file:");
}

export function openClient(url = env.DATABASE_URL, authToken = env.DATABASE_AUTH_TOKEN): Client {
  if (isFileUrl(url)) {
    const path = url.slice("file:".length).split("?")[0];
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  // `timeout` is the busy timeout of every connection, including the ones a transaction
  // opens; a per-connection PRAGMA would be lost there.
  return createClient({ url, authToken, timeout: 5000 });
}

type Clients = { write: Client; read: Client };
const globalForDb = globalThis as unknown as { __markbookClients?: Clients };

function openClients(): Clients {
  const raw = openClient();
  // Embedded file: writes take turns in this process, reads go on their own connections.
  // A libSQL server (sqld / Turso) is asynchronous and orders writes itself.
  if (isFileUrl(env.DATABASE_URL)) return { write: serializeWrites(raw), read: openClient() };
  return { write: raw, read: raw };
}

const clients = globalForDb.__markbookClients ?? openClients();
// Next's dev server re-evaluates modules; keep one set of connections per process.
globalForDb.__markbookClients = clients;

/** The connection for writes and transactions (raw SQL in scripts and tests uses it too). */
export const client = clients.write;

const primary = drizzle(clients.write, { schema });
export const db: typeof primary = clients.read === clients.write ? primary : (withReplicas(primary, [drizzle(clients.read, { schema })]) as unknown as typeof primary);
export type Db = typeof primary;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: queries accept both so they compose. */
export type DbOrTx = Db | Tx;
