import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { WrappedAction } from "@/lib/action";

const ROOT = join(__dirname, "..", "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name === "actions.ts") out.push(p);
  }
  return out;
}

export type FoundAction = { file: string; name: string; fn: WrappedAction<unknown, unknown> | unknown };

/** Every exported server action in app/, found from the code so none can be forgotten. */
export async function findAllActions(): Promise<FoundAction[]> {
  const found: FoundAction[] = [];
  for (const file of walk(join(ROOT, "app")).sort()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) found.push({ file: relative(ROOT, file), name, fn });
  }
  return found;
}

/** Row counts of every table: equal before and after means nothing was written. */
export async function tableChecksum(): Promise<Record<string, number>> {
  const { client } = await import("@/db/client");
  const tables = await client.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not in ('rate_limits', '__drizzle_migrations')");
  const out: Record<string, number> = {};
  for (const r of tables.rows) {
    const name = String(r.name);
    const c = await client.execute(`select count(*) as n from "${name}"`);
    out[name] = Number(c.rows[0].n);
  }
  return out;
}
