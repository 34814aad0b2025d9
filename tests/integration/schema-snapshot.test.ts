import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@/db/migrator";
import * as schema from "@/db/schema";

// Migrations are written by hand (several people add them side by side), and drizzle-kit
// generates the next one from the newest snapshot in db/migrations/meta. A snapshot that lags
// the tables in db/schema would make that next migration repeat or undo earlier ones.
describe("the migrations' newest snapshot", () => {
  it("describes the tables db/schema declares (drizzle-kit would generate nothing)", async () => {
    const { generateSQLiteDrizzleJson, generateSQLiteMigration } = await import("drizzle-kit/api");
    const meta = join(MIGRATIONS_FOLDER, "meta");
    const newest = readdirSync(meta)
      .filter((f) => f.endsWith("_snapshot.json"))
      .sort()
      .at(-1)!;
    const snapshot = JSON.parse(readFileSync(join(meta, newest), "utf8"));
    const journal = JSON.parse(readFileSync(join(meta, "_journal.json"), "utf8")) as { entries: { idx: number }[] };
    // The snapshot belongs to the newest migration.
    expect(Number(newest.slice(0, 4))).toBe(Math.max(...journal.entries.map((e) => e.idx)));
    const current = await generateSQLiteDrizzleJson(schema as Record<string, unknown>, snapshot.id);
    expect(await generateSQLiteMigration(snapshot, current)).toEqual([]);
  });
});
