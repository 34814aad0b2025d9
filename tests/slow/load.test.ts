// `npm run load` for ~10 s with 10 connections on its own seeded server: no errors, every
// answer 2xx/3xx, and every acknowledged mark save is in the database exactly once.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureBuild } from "@/scripts/server-harness";

const ROOT = join(__dirname, "..", "..");

describe("npm run load", () => {
  it("runs a short mixed load with no errors, and saved marks equal acknowledged saves", async () => {
    ensureBuild();
    const out = join(mkdtempSync(join(tmpdir(), "markbook-load-")), "load.json");
    const child = spawn(
      join(ROOT, "node_modules", ".bin", "tsx"),
      ["--import", "./scripts/register.mjs", "scripts/load.ts", "--duration", "10", "--connections", "10", "--json", out],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let log = "";
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    console.log(log);
    expect(code, log).toBe(0);
    const result = JSON.parse(readFileSync(out, "utf8")) as {
      errors: number;
      badStatus: number;
      errorPages: number;
      saves: { acknowledged: number; saved: number; refused: number; duplicates: number; missing: number };
      failures: string[];
    };
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ errors: 0, badStatus: 0, errorPages: 0 });
    expect(result.saves.acknowledged).toBeGreaterThan(0);
    expect(result.saves).toMatchObject({ saved: result.saves.acknowledged, refused: 0, duplicates: 0, missing: 0 });
  });
});
