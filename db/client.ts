import "server-only";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client, type InArgs, type InStatement } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { withReplicas } from "drizzle-orm/sqlite-core";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { serializeWrites } from "./write-lock";

export function isFileUrl(url: string) {
  return url.startsWith("file:");
}

export function openClient(url = env.DATABASE_URL, authToken = env.DATABASE_AUTH_TOKEN, opts: { concurrency?: number } = {}): Client {
  if (isFileUrl(url)) {
    const path = url.slice("file:".length).split("?")[0];
    if (path && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  }
  // `timeout` is the busy timeout of every connection, including the ones a transaction
  // opens; a per-connection PRAGMA would be lost there.
  return createClient({ url, authToken, timeout: 5000, ...opts });
}

const SECURE_DELETE = "PRAGMA secure_delete = ON";
const READ_ONLY = /^\s*(select|pragma|explain)\b/i;

/**
 * Writes zero what they delete or overwrite (PRAGMA secure_delete) instead of leaving it in the
 * file's free space, where an erased person's data would outlive the erasure. A PRAGMA belongs
 * to one connection and the driver hands out whichever it has (a transaction takes its own), so
 * it is set on the connection of each transaction and batch, and before each other write.
 */
export function withSecureDelete(client: Client): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "transaction") {
        return async (...args: Parameters<Client["transaction"]>) => {
          const tx = await target.transaction(...args);
          try {
            await tx.execute(SECURE_DELETE);
          } catch (e) {
            tx.close();
            throw e;
          }
          return tx;
        };
      }
      if (prop === "batch") {
        return async (stmts: Parameters<Client["batch"]>[0], mode?: Parameters<Client["batch"]>[1]) =>
          (await target.batch([SECURE_DELETE, ...stmts], mode)).slice(1);
      }
      if (prop === "execute") {
        return async (stmt: InStatement, args?: InArgs) => {
          // The same connection: the write client has one (see openClients).
          if (!READ_ONLY.test(typeof stmt === "string" ? stmt : stmt.sql)) await target.execute(SECURE_DELETE);
          return typeof stmt === "string" ? target.execute(stmt, args) : target.execute(stmt);
        };
      }
      if (prop === "executeMultiple") return async (sql: string) => target.executeMultiple(`${SECURE_DELETE};\n${sql}`);
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

type Clients = { write: Client; read: Client };
const globalForDb = globalThis as unknown as { __markbookClients?: Clients };

function openClients(): Clients {
  // Embedded file: writes take turns in this process, on one connection (so a PRAGMA set
  // before a statement holds for it), and reads go on their own connections.
  // A libSQL server (sqld / Turso) is asynchronous, orders writes and keeps its storage itself.
  if (isFileUrl(env.DATABASE_URL))
    return { write: serializeWrites(withSecureDelete(openClient(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN, { concurrency: 1 }))), read: openClient() };
  const raw = openClient();
  return { write: raw, read: raw };
}

const clients = globalForDb.__markbookClients ?? openClients();
// Next's dev server re-evaluates modules; keep one set of connections per process.
globalForDb.__markbookClients = clients;

/** The connection for writes and transactions (raw SQL in scripts and tests uses it too). */
export const client = clients.write;

const primary = drizzle(clients.write, { schema });
export const db: typeof primary =
  clients.read === clients.write ? primary : (withReplicas(primary, [drizzle(clients.read, { schema })]) as unknown as typeof primary);
export type Db = typeof primary;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: queries accept both so they compose. */
export type DbOrTx = Db | Tx;

/**
 * Runs `work` in the caller's transaction when it passes one (so a write composes into a
 * bigger one: an import, a lead's conversion, seeding), else in a transaction of its own.
 */
export function withTx<T>(tx: DbOrTx | undefined, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return tx ? work(tx) : db.transaction(work);
}
