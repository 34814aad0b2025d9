// The one-way flow (STYLE.md) is enforced by eslint.config.mjs, not by hope: this lints the
// deliberate breaches in tests/fixtures/lint/ with the project's own config and checks that
// each is an error, and that a clean module passes. The fixture folder is the working
// directory, so its components/… and lib/results/… match the config's globs as the app's do.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/lint/", import.meta.url));
const config = `${root}eslint.config.mjs`;

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: fixtures, overrideConfigFile: config });
  // Loading the config and the TypeScript parser takes seconds on a busy machine: once, here.
  await eslint.lintFiles(["lib/results/clean.ts"]);
}, 120_000);

type Found = { rule: string | null; severity: number; line: number; message: string };
async function lintFile(path: string): Promise<Found[]> {
  const [r] = await eslint.lintFiles([path]);
  return r.messages.map((m) => ({ rule: m.ruleId, severity: m.severity, line: m.line, message: m.message }));
}
/** Lints `code` as if it sat at `filePath` (relative to the fixture root), without writing it. */
async function lintAs(filePath: string, code: string): Promise<Found[]> {
  const [r] = await eslint.lintText(code, { filePath: `${fixtures}${filePath}` });
  return r.messages.map((m) => ({ rule: m.ruleId, severity: m.severity, line: m.line, message: m.message }));
}
const errors = (found: Found[], rule: string) => found.filter((f) => f.rule === rule && f.severity === 2);

describe("the one-way flow as lint rules", { timeout: 60_000 }, () => {
  it("refuses a component that imports @/db/client or @/db/schema", async () => {
    const found = await lintFile("components/reads-database.tsx");
    expect(errors(found, "no-restricted-imports").map((f) => f.line)).toEqual([1, 2]);
    expect(found[0].message).toMatch(/db\/queries/);
  });

  it("refuses the same import in a page given only as text at a virtual path", async () => {
    const code = readFileSync(`${fixtures}components/reads-database.tsx`, "utf8");
    expect(errors(await lintAs("app/(staff)/x/page.tsx", code), "no-restricted-imports")).toHaveLength(2);
    // The same text in the queries layer is how it should be done: no restriction there.
    expect(errors(await lintAs("db/queries/x.tsx", code), "no-restricted-imports")).toHaveLength(0);
  });

  it("refuses next/link in a page or component (Markbook's Link does not prefetch), and allows the wrapper", async () => {
    const code = 'import Link from "next/link";\nexport const A = () => <Link href="/x">x</Link>;\n';
    const page = errors(await lintAs("app/(staff)/x/page.tsx", code), "no-restricted-imports");
    expect(page.map((f) => f.line)).toEqual([1]);
    expect(page[0].message).toMatch(/@\/components\/ui\/link/);
    expect(errors(await lintAs("components/ui/link.tsx", code), "no-restricted-imports")).toHaveLength(0);
  });

  it("refuses a route handler that imports an unscoped internal query module", async () => {
    expect(errors(await lintFile("app/api/x/route.ts"), "no-restricted-imports")).toHaveLength(1);
  });

  it("refuses React in lib/results and the database or Next in lib/gradebook", async () => {
    const react = await lintFile("lib/results/uses-react.ts");
    expect(errors(react, "no-restricted-imports").map((f) => f.line)).toEqual([1]);
    expect(react[0].message).toMatch(/pure module/);
    expect(errors(await lintFile("lib/gradebook/reads-database.ts"), "no-restricted-imports").map((f) => f.line)).toEqual([1, 2]);
  });

  it("reports two modules that import each other as a cycle, on both sides", async () => {
    expect(errors(await lintFile("lib/loop/a.ts"), "import-x/no-cycle")).toHaveLength(1);
    expect(errors(await lintFile("lib/loop/b.ts"), "import-x/no-cycle")).toHaveLength(1);
  });

  it("still sees the cycle when one side hides it behind a dynamic import()", async () => {
    expect(errors(await lintFile("lib/dodge/a.ts"), "import-x/no-cycle")).toHaveLength(1);
    expect(errors(await lintFile("lib/dodge/b.ts"), "import-x/no-cycle")).toHaveLength(1);
  });

  it("passes a clean pure module", async () => {
    expect(await lintFile("lib/results/clean.ts")).toEqual([]);
  });

  it("keeps the fixtures out of npm run lint", async () => {
    const project = new ESLint({ cwd: root });
    expect(await project.isPathIgnored(`${fixtures}components/reads-database.tsx`)).toBe(true);
    expect(await project.isPathIgnored(`${root}components/ui/button.tsx`)).toBe(false);
  });
});
