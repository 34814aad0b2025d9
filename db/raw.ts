import "server-only";
import type { InValue, ResultSet } from "@libsql/client";
import type { DbOrTx } from "./client";

type Executor = { execute(stmt: { sql: string; args: InValue[] }): Promise<ResultSet> };

/**
 * One parameterised statement on the same connection or open transaction as `tx`, for the
 * hot bulk paths only (imports, result refresh). Drizzle's query builder walks every bound
 * value, which costs a quarter of a 100,000-row import; here the SQL text is written once per
 * chunk and the values go straight to libSQL. Everything else uses Drizzle.
 */
export async function executeRaw(tx: DbOrTx, sql: string, args: InValue[]): Promise<ResultSet> {
  // A Drizzle libSQL session holds the client, and inside a transaction the libSQL transaction.
  const session = (tx as unknown as { session?: { client?: Executor; tx?: Executor } }).session;
  const target = session?.tx ?? session?.client;
  if (!target || typeof target.execute !== "function") throw new Error("executeRaw needs a Drizzle libSQL database or transaction");
  return target.execute({ sql, args });
}

/** "(?, ?, ?), (?, ?, ?)" for `rows` rows of `columns` values. */
export function placeholders(rows: number, columns: number): string {
  const one = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => one).join(", ");
}
