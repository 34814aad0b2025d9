import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import type { AxeResults, ElementContext, RunOptions } from "axe-core";

/** The WCAG 2.0 and 2.1, levels A and AA, that every scan checks. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type Violation = Pick<AxeResults["violations"][number], "id" | "impact" | "help" | "helpUrl"> & {
  nodes: { target: string[]; failureSummary?: string }[];
};

/**
 * axe-core on what the page shows now (or only within `include`), its violations only.
 *
 * axe is put into each document once and then run there directly. @axe-core/playwright's
 * builder sends axe's 650 kB source into every frame and configures it anew on every call:
 * measured here, 400–1,300 ms a scan against 120–630 ms for the same run on the same page.
 * What is checked is the same: the same rules by the same tags, on the same document.
 * `iframes: false` — Markbook's only frames are the sandboxed email previews (no scripts can
 * run in them); the scans read their HTML on a page of its own.
 */
export async function runAxe(page: Page, within?: { include?: string; exclude?: string[] }): Promise<Violation[]> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === "function"))) {
    await page.evaluate(AXE_SOURCE);
  }
  // null: the whole document (the page's own `document`, named inside the page below).
  const context: ElementContext | null =
    within?.include || within?.exclude?.length ? { include: [within.include ?? "html"], exclude: within.exclude ?? [] } : null;
  const options: RunOptions = { runOnly: { type: "tag", values: WCAG_TAGS }, resultTypes: ["violations"], iframes: false };
  // Handed over as JSON text: Playwright's argument types recurse too deep for axe's.
  const args = JSON.stringify([context, options]);
  return page.evaluate<Violation[], string>(async (json) => {
    const [ctx, opts] = JSON.parse(json) as [unknown, unknown];
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe;
    const r = await axe.run(ctx === null ? document : ctx, opts);
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
    }));
  }, args);
}

/** The serious and critical violations (the ones a page fails on), as readable lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
