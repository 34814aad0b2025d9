import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A newcomer edits no file: write .env.local with a generated AUTH_SECRET (and the
 * settings `next start` needs) when they are missing. Existing values are never touched.
 */
export function prepareEnv(cwd = process.cwd()): string[] {
  const file = join(cwd, ".env.local");
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  const has = (key: string) => new RegExp(`^\\s*${key}\\s*=`, "m").test(current) || !!process.env[key];
  const add: string[] = [];
  if (!has("AUTH_SECRET")) add.push(`AUTH_SECRET=${randomBytes(32).toString("base64url")}`);
  if (!has("AUTH_TRUST_HOST")) add.push("AUTH_TRUST_HOST=true");
  if (!has("CRON_SECRET")) add.push(`CRON_SECRET=${randomBytes(24).toString("base64url")}`);
  if (add.length) {
    const prefix = current && !current.endsWith("\n") ? "\n" : "";
    const header = current ? "" : "# Written by Markbook on first run. Add your own settings below (see README).\n";
    writeFileSync(file, current + prefix + header + add.join("\n") + "\n", { mode: 0o600 });
  }
  return add.map((l) => l.split("=")[0]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const added = prepareEnv();
  console.log(added.length ? `.env.local: added ${added.join(", ")}` : ".env.local: already complete");
}
