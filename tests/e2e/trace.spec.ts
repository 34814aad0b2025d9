import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { formatPercent } from "@/lib/results/round";
import { computeSchemeResult, markNeeded, type SchemeAssessment } from "@/lib/results/scheme";
import type { MarkInput } from "@/lib/results/course";
import { neededWords, num } from "@/lib/results/trace";
import { TRACE, type E2EFacts } from "./fixtures/facts";
import { expect, test } from "./fixtures/test";
import { GradebookPage } from "./pages/gradebook";

// The trace journey (issue 13, points 7 and 8): the figures on screen are what lib/results
// computes for the seeded marks, worked out here from the same scheme, not copied from a screen.

const seeded = () => {
  const dbFile = join(process.cwd(), "data", `e2e-seeded-${Number(process.env.E2E_PORT || 3100) + 1}.db`);
  return (JSON.parse(readFileSync(`${dbFile}.facts.json`, "utf8")) as E2EFacts).trace;
};

// Ids in creation order: the engine sorts by id, so any increasing ids give the same result.
const assessments: SchemeAssessment[] = TRACE.assessments.map((a, i) => ({
  id: i + 1,
  name: a.name,
  maxScore: a.maxScore,
  weight: 1,
  published: true,
  componentKey: a.componentKey,
}));
const marks: MarkInput[] = TRACE.assessments.flatMap((a, i) => (a.mark === null ? [] : [{ assessmentId: i + 1, score: a.mark, status: "graded" as const }]));
const idOf = (name: string) => assessments.find((a) => a.name === name)!.id;

async function openTrace(page: Page) {
  await page.goto(`/candidates/${seeded().candidateId}`);
  const course = page.getByTestId(`course-result-${seeded().courseId}`);
  await course.locator("summary").click();
  await expect(course.getByTestId("trace")).toBeVisible();
  return course;
}

/** The trace on screen says what computeSchemeResult says for these marks. */
async function expectTrace(scope: ReturnType<Page["locator"]>, list: SchemeAssessment[], given: MarkInput[]) {
  const r = computeSchemeResult(TRACE.scheme, list, given, null);
  for (const c of r.components) {
    await expect(scope.getByTestId(`trace-component-${c.key}`).getByTestId("trace-component-value")).toHaveText(
      c.value === null ? "—" : `${num(c.value)} / ${num(c.max)}`,
    );
  }
  await expect(scope.getByTestId("trace-part-internal").getByTestId("trace-part-value")).toHaveText(`${num(r.internal.value!)} / ${num(r.internal.max)}`);
  await expect(scope.getByTestId("trace-percent")).toHaveText(formatPercent(r.shown));
  return r;
}

test.describe("as a faculty member", () => {
  test.use({ role: "faculty" });

  test("a faculty member reads the trace of a scheme course, tries a what-if that is never saved, and sees the mark needed", async ({ page }) => {
    const course = await openTrace(page);
    const real = await expectTrace(course, assessments, marks);
    await expect(course.getByTestId("course-percent")).toHaveText(formatPercent(real.shown));
    // Best 2 of 3: the 11 is not among the best, and the step says so.
    const tests = course.getByTestId("trace-component-tests");
    await expect(tests.getByTestId("trace-item").filter({ hasText: "Sessional 1" })).toHaveAttribute("data-state", "not-best");
    await expect(tests.getByTestId("trace-steps")).toContainText("Best 2 of 3, mean");
    await expect(tests.getByTestId("trace-steps")).toContainText("14.5 → 15, half up");
    await expect(course.getByTestId("trace-component-assignments").getByTestId("trace-steps")).toContainText("Sum 7 / 10");
    // The exam is still to come: pending, and the internal check already met.
    expect(real.outcome).toBe("pending");
    await expect(course.getByTestId("trace-outcome")).toHaveText("Pending");
    await expect(course.getByTestId("trace-check").filter({ hasText: "Internal" })).toHaveAttribute("data-ok", "true");
    await expect(course.getByTestId("trace-grade")).toHaveText((await course.getByTestId("course-grade").textContent())!);

    // The mark needed in what is left, as markNeeded answers it.
    const toPass = markNeeded(TRACE.scheme, assessments, marks, null, { kind: "pass" });
    expect(toPass.kind).toBe("score");
    await expect(course.getByTestId("mark-needed-line").filter({ hasText: "To pass" })).toHaveText(`To pass: ${neededWords(toPass)}`);
    await expect(course.getByTestId("mark-needed")).toContainText(/For A\+?(, A)?: /);

    // What-if: typing changes the result on screen, and nothing goes to the server.
    await course.getByRole("button", { name: /What-if/ }).click();
    const whatIf = course.getByTestId("what-if");
    await expect(whatIf).toContainText("What-if: not saved");
    const exam = whatIf.getByLabel(/End-semester exam/);
    await expect(exam).toHaveValue("");
    await expect(whatIf.getByLabel(/Sessional 2/)).toHaveValue("16");
    let sent = 0;
    page.on("request", (r) => {
      if (r.method() !== "GET" || ((r.resourceType() === "fetch" || r.resourceType() === "xhr") && !r.headers()["next-router-prefetch"])) sent++;
    });
    await exam.fill("70");
    const withExam = computeSchemeResult(TRACE.scheme, assessments, [...marks, { assessmentId: idOf("End-semester exam"), score: 70, status: "graded" }], null);
    expect(withExam.outcome).toBe("pass");
    await expect(whatIf.getByTestId("what-if-percent")).toHaveText(formatPercent(withExam.shown));
    await expect(whatIf.getByTestId("what-if-outcome")).toHaveText("Pass");
    await expectTrace(whatIf, assessments, [...marks, { assessmentId: idOf("End-semester exam"), score: 70, status: "graded" }]);
    // A lower sessional: the best two change.
    await whatIf.getByLabel(/Sessional 2/).fill("AB");
    await expect(whatIf.getByTestId("trace-component-tests").getByTestId("trace-item").filter({ hasText: "Sessional 1" })).toHaveAttribute(
      "data-state",
      "kept",
    );
    await whatIf.getByLabel(/Sessional 2/).fill("25");
    await expect(whatIf.getByText("Above the maximum of 20")).toBeVisible();
    expect(sent, "typing a what-if sends nothing to the server").toBe(0);
    // The real figures beside it did not move.
    await expect(course.getByTestId("course-percent")).toHaveText(formatPercent(real.shown));
    await whatIf.getByRole("button", { name: "Reset" }).click();
    await expect(exam).toHaveValue("");
    await expect(whatIf.getByTestId("what-if-percent")).toHaveText(formatPercent(real.shown));

    // Not saved: after a reload the exam is still unmarked and the result is the real one.
    await exam.fill("70");
    await page.reload();
    const again = page.getByTestId(`course-result-${seeded().courseId}`);
    await expect(again.getByTestId("course-percent")).toHaveText(formatPercent(real.shown));
    await again.locator("summary").click();
    await expect(again.getByTestId("trace-outcome")).toHaveText("Pending");
    await again.getByRole("button", { name: /What-if/ }).click();
    await expect(again.getByTestId("what-if").getByLabel(/End-semester exam/)).toHaveValue("");
  });
});

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("an admin holds an assessment: the parents' page says its figures are from released marks only and omits it; staff still see it", async ({
    page,
    browser,
  }) => {
    await page.goto(`/courses/${seeded().courseId}`);
    const table = page.getByTestId("assessments-table");
    await table.getByRole("row").filter({ hasText: "Case study" }).getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Parents see it").selectOption("held");
    await dialog.getByRole("button", { name: "Save assessment" }).click();
    await expect(table.getByRole("row").filter({ hasText: "Case study" })).toContainText("Held from parents");
    await new GradebookPage(page).open(TRACE.course.code);
    await expect(page.getByRole("columnheader", { name: /Case study/ })).toContainText("Held");

    // The parents' page: released assessments only, and it says so.
    const parentCtx = await browser.newContext();
    const parent = await parentCtx.newPage();
    await parent.goto(`/r/${seeded().token}`);
    const card = parent.getByTestId(`result-course-${TRACE.course.code}`);
    await expect(card.getByTestId("released-only")).toContainText("released marks only");
    await expect(card.getByText("Case study")).toHaveCount(0);
    const released = assessments.filter((a) => a.name !== "Case study");
    const forParents = await expectTrace(card, released, marks);
    await expect(card.getByTestId("result-percent")).toHaveText(formatPercent(forParents.shown));
    // A course with nothing held says nothing of the kind.
    await expect(parent.getByTestId("released-only")).toHaveCount(1);
    await parentCtx.close();

    // Staff always see everything: the held assessment is in the trace, tagged.
    const course = await openTrace(page);
    await expectTrace(course, assessments, marks);
    await expect(course.getByTestId("trace-item").filter({ hasText: "Case study" }).getByTestId("trace-held")).toBeVisible();
  });
});
