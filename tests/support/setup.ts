// Runs before each test file, in that file's own process: a fresh libSQL database file,
// migrated, and the session seam pointed at whoever the test says is signed in.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, vi } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "markbook-test-"));
process.env.DATABASE_URL = `file:${join(dir, "test.db")}`;
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-test-secret";
process.env.APP_URL = "http://localhost:3000";
process.env.RESEND_API_KEY = "";
// The outbox's mail drop (delivered copies) beside the test file's database, not in data/.
process.env.OUTBOX_DIR = join(dir, "outbox");

vi.mock("@/lib/auth/session", async () => {
  const { currentClaims } = await import("./session");
  return { getSessionClaims: async () => currentClaims() };
});

// Server actions call revalidatePath, which needs Next's request store; outside Next it is a no-op.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

beforeAll(async () => {
  const { client } = await import("@/db/client");
  const { runMigrations } = await import("@/db/migrator");
  await runMigrations(client);
});
