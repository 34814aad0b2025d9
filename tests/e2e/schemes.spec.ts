import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { computeSchemeResult, type Scheme, type SchemeAssessment } from "@/lib/results/scheme";
import { formatPercent } from "@/lib/results/round";
import type { MarkInput } from "@/lib/results/course";
import { SCHEME_E2E, type E2EFacts } from "./fixtures/facts";
import { expect, test } from "./fixtures/test";

// The scheme editor on a course of its own (SC130): an admin builds a scheme from a preset,
// meets the checks, previews and saves; the candidate page then shows the engine's figure.
// The course's faculty member saves a small change, and a stale tab is told so; a colleague
// cannot open the tab.

test.describe.configure({ mode: "serial" });

let facts: E2EFacts["schemes"];
const port = Number(process.env.E2E_PORT || 3100) + 1;

test.beforeAll(() => {
  facts = (JSON.parse(readFileSync(join(process.cwd(), "data", `e2e-seeded-${port}.db.facts.json`), "utf8")) as E2EFacts).schemes;
});

const sum = { source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0 } as const;
/** What the admin builds below, from the GTU preset: best 2 of 3 tests summed to 20, assignments to 10, the exam out of 70. */
const BUILT: Scheme = {
  components: [
    { ...sum, key: "tests", name: "Internal tests", part: "internal", best: 2, max: 20 },
    { ...sum, key: "ese", name: "University theory examination", part: "external", max: 70 },
    { ...sum, key: "assignments", name: "Assignments", part: "internal", max: 10 },
  ],
  rounding: { at: "component", method: "half-up", places: 0 },
  pass: { internalMin: 12, externalMin: 28, totalMin: 40 },
};
const COMPONENT_OF = ["tests", "tests", "tests", "assignments", "ese"];

/** A candidate's figure as lib/results computes it under a scheme (the seed's marks). */
function expectedShown(scheme: Scheme, candidate: number): string {
  const assessments: SchemeAssessment[] = SCHEME_E2E.assessments.map((a, j) => ({
    id: facts.assessments[j],
    name: a.name,
    maxScore: a.maxScore,
    weight: a.weight,
    published: true,
    componentKey: COMPONENT_OF[j],
  }));
  const marks: MarkInput[] = SCHEME_E2E.candidates[candidate].scores.map((score, j) => ({
    assessmentId: facts.assessments[j],
    score,
    status: score === null ? "absent" : "graded",
  }));
  return formatPercent(computeSchemeResult(scheme, assessments, marks, null).shown);
}

const component = (page: Page, index: number) => page.getByTestId(`component-${index}`);
const checks = (page: Page) => page.getByTestId("scheme-checks");

async function openScheme(page: Page, courseId: number) {
  await page.goto(`/courses/${courseId}/scheme`);
  await expect(page.getByRole("heading", { level: 1, name: /^Scheme:/ })).toBeVisible();
}

/** The error shown beside a field (FormField wires it through aria-describedby). */
function errorOf(field: Locator) {
  return field.locator("xpath=ancestor::*[@data-slot='form-field'][1]").locator("p[id$='-error']");
}

/** Preview, check the counts against the tables, and return the summary's figures. */
async function previewAndCheck(page: Page) {
  await page.getByRole("button", { name: "Preview change" }).click();
  const summary = page.getByTestId("preview-summary");
  await expect(summary).toBeVisible();
  const text = (await summary.textContent()) ?? "";
  const m = /^(\d+) of (\d+) candidates?'s? results? changes?;.*?(\d+) outcomes? flips?/.exec(text);
  expect(m, text).not.toBeNull();
  const [changed, candidates, flips] = [Number(m![1]), Number(m![2]), Number(m![3])];
  expect(candidates).toBe(SCHEME_E2E.candidates.length);
  const preview = page.getByTestId("scheme-preview");
  if (changed <= 50) await expect(preview.getByTestId("preview-rows").locator("tbody tr")).toHaveCount(changed);
  await expect(preview.getByTestId("preview-flips").locator("tbody tr")).toHaveCount(flips);
  return { changed, candidates, flips };
}

async function saveScheme(page: Page, changed: number, candidates: number) {
  await page.getByRole("button", { name: "Save scheme" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`${changed} of ${candidates}`);
  await dialog.getByRole("button", { name: "Save scheme" }).click();
  await expect(dialog).toBeHidden();
}

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("an admin builds a scheme from a preset, meets the checks, previews and saves; the candidate page shows the new figure", async ({ page }) => {
    await openScheme(page, facts.course);
    await expect(page.getByTestId("current-version")).toContainText("Default: weighted mean");
    await expect(page.getByRole("button", { name: "Save scheme" })).toBeDisabled();

    // An edit, then a preset: the editor asks before replacing it.
    await component(page, 0).getByLabel("Scaled maximum").fill("90");
    await page.getByText(/Show the \d+ presets/).click();
    await page.getByRole("button", { name: "Use GTU style — theory course" }).click();
    const ask = page.getByRole("alertdialog");
    await expect(ask).toContainText("Replace your edits?");
    await ask.getByRole("button", { name: "Use the preset" }).click();
    await expect(component(page, 0).getByLabel("Name")).toHaveValue("Mid-semester examination");
    await expect(component(page, 1).getByLabel("Part")).toHaveValue("external");

    // Internal tests: best 2 of 3, summed, reduced to 20.
    const tests = component(page, 0);
    await tests.getByLabel("Name").fill("Internal tests");
    await tests.getByLabel("Key").fill("tests");
    await tests.getByLabel("Best N").fill("2");
    await tests.getByLabel("Scaled maximum").fill("20");

    // A bad value: the error is beside the field, the engine's words beside the editor, and no preview.
    await tests.getByLabel("Drop lowest").fill("-1");
    await expect(errorOf(tests.getByLabel("Drop lowest"))).toHaveText("0 or more");
    await expect(checks(page)).toContainText("Internal tests: “drop lowest” must be a whole number, 0 or more.");
    await expect(page.getByRole("button", { name: "Preview change" })).toBeDisabled();
    await expect(tests.getByLabel("Drop lowest")).toHaveValue("-1");
    await tests.getByLabel("Drop lowest").fill("0");
    await expect(errorOf(tests.getByLabel("Drop lowest"))).toHaveText("");

    // An attendance component's bands, as half-open intervals; marks over its maximum are refused beside the band.
    await page.getByRole("button", { name: "Add component" }).click();
    const extra = component(page, 2);
    await extra.getByLabel("Source").selectOption("attendance");
    await extra.getByLabel("Scaled maximum").fill("5");
    await expect(extra.getByTestId("band-interval")).toHaveText(["[90, 100] → 5", "[75, 90) → 3", "[0, 75) → 0"]);
    await extra.getByLabel("Marks, band 1").fill("9");
    await expect(extra.getByText("Between 0 and 5")).toBeVisible();
    await expect(checks(page)).toContainText("a band's marks must be between 0 and 5.");
    await extra
      .getByRole("button", { name: /^Remove / })
      .first()
      .click();
    await expect(component(page, 2)).toHaveCount(0);

    // Assignments out of 10, the exam out of 70, the pass rules beside the part maxima.
    await page.getByRole("button", { name: "Add component" }).click();
    const assignments = component(page, 2);
    await assignments.getByLabel("Name").fill("Assignments");
    await expect(assignments.getByLabel("Key")).toHaveValue("assignments");
    await assignments.getByLabel("Scaled maximum").fill("10");
    await expect(page.getByLabel("Internal minimum")).toHaveAccessibleDescription(/of 30/);
    await page.getByLabel("Internal minimum").fill("12");
    await page.getByLabel("External minimum").fill("28");
    await page.getByLabel("Total minimum").fill("40");
    await page.getByLabel("Component of Assignment 1").selectOption({ label: "Assignments" });
    await page.getByLabel("Component of End exam").selectOption({ label: "University theory examination" });
    await expect(checks(page)).toContainText("The scheme can be used.");

    const { changed, candidates } = await previewAndCheck(page);
    expect(changed).toBeGreaterThan(0);
    await saveScheme(page, changed, candidates);
    await expect(page.getByText(/Scheme saved as version 1/)).toBeVisible();

    await page.reload();
    await expect(page.getByTestId("current-version")).toContainText("Version 1");
    await expect(page.getByTestId("scheme-history").locator("tbody tr")).toHaveCount(1);
    await expect(page.getByTestId("current-scheme")).toContainText("Best 2 · sum · out of 20");
    await expect(page.getByTestId("current-scheme")).toContainText("internal ≥ 12, external ≥ 28, total ≥ 40");

    // The stored result follows the new scheme: the figure lib/results gives for these marks.
    // Sc Beta's best two tests sum to 16.5 of 20, reported as 17: the figure is the reported total (43), not the exact 42.5.
    await page.goto(`/candidates/${facts.candidates[1]}`);
    await expect(page.getByTestId(`course-result-${facts.course}`).getByTestId("course-percent")).toHaveText(expectedShown(BUILT, 1));
  });
});

test.describe("as a faculty member", () => {
  test.use({ role: "faculty" });

  test("the course's faculty member saves a small change; a tab opened before it is told of the conflict", async ({ page, context }) => {
    const stale = await context.newPage();
    await openScheme(stale, facts.course);
    await openScheme(page, facts.course);
    await expect(page.getByTestId("current-version")).toContainText("Version 1");

    // One decimal at each component: best-two sums such as 16.5 stop rounding up.
    await page.getByLabel("Decimal places").selectOption("1");
    const { changed, candidates } = await previewAndCheck(page);
    await saveScheme(page, changed, candidates);
    await expect(page.getByText(/Scheme saved as version 2/)).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("current-version")).toContainText("Version 2");
    await expect(page.getByTestId("current-scheme")).toContainText("Half up to 1 decimal place, each component");

    const changedOnce: Scheme = { ...BUILT, rounding: { ...BUILT.rounding, places: 1 } };
    await page.goto(`/candidates/${facts.candidates[1]}`);
    await expect(page.getByTestId(`course-result-${facts.course}`).getByTestId("course-percent")).toHaveText(expectedShown(changedOnce, 1));

    // The tab opened on version 1 tries its own change.
    await stale.getByLabel("Total minimum").fill("45");
    await stale.getByRole("button", { name: "Preview change" }).click();
    const conflict = stale.getByTestId("scheme-conflict");
    await expect(stale.getByTestId("preview-summary").or(conflict)).toBeVisible();
    if (!(await conflict.isVisible())) {
      await stale.getByRole("button", { name: "Save scheme" }).click();
      await stale.getByRole("alertdialog").getByRole("button", { name: "Save scheme" }).click();
    }
    await expect(conflict).toBeVisible();
    await expect(stale.getByTestId("current-version")).toContainText("Version 2");
    // What was typed is kept.
    await expect(stale.getByLabel("Total minimum")).toHaveValue("45");
  });

  test("a faculty member cannot open the scheme of a colleague's course", async ({ page }) => {
    await page.goto(`/courses/${facts.other}/scheme`);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Scheme:/ })).toHaveCount(0);
  });
});
