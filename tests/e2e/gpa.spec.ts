import { formatPercent } from "@/lib/results/round";
import { formatGpa, gpaSummary, toPercent, PERCENT_CONVERSIONS } from "@/lib/results/gpa";
import { expect, test, type GpaHistory } from "./fixtures/test";

// Grade points, SGPA and CGPA on the screens (issue 14, point 2): the figures are worked out
// here by lib/results from the seeded scores and the program's bands, not copied from a screen.

function expected(h: GpaHistory) {
  const s = gpaSummary(
    h.courses.map((c) => ({ ...c, shown: c.score, outcome: null, bands: h.bands })),
    { places: 2, method: "half-up" },
  );
  const tenTimes = PERCENT_CONVERSIONS.find((c) => c.id === "ugc-x10")!;
  return { s, percent: formatPercent(toPercent(s.cgpa.value, tenTimes), 2), formula: tenTimes.formula };
}

test.describe("as a faculty member", () => {
  test.use({ role: "faculty" });

  test("the candidate page shows each course's grade points, SGPA per term, and the CGPA with its percentage and formula", async ({ page, ownGpaHistory }) => {
    // 85, 30, 55 in the first term (the 3-credit course failed), the repeat passed with 72.
    const h = await ownGpaHistory({ first: [85, 30, 55], repeat: 72 });
    const { s, percent, formula } = expected(h);
    // The worked example's shape: the failed course keeps its 3 credits in the denominator.
    expect(s.terms.get(h.courses[0].termId)!.credits).toBe(9);

    await page.goto(`/candidates/${h.candidate.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(h.candidate.fullName);
    const summary = page.getByTestId("gpa-summary");
    await expect(summary.getByTestId("cgpa")).toHaveText(`${formatGpa(s.cgpa, 2)} CGPA`);
    await expect(summary.getByTestId("cgpa-percent")).toHaveText(percent);
    await expect(summary.getByTestId("cgpa-formula")).toHaveText(formula);

    const sgpas = page.getByTestId("sgpa");
    // Newest term first, as the page lists terms.
    await expect(sgpas).toHaveText([`${formatGpa(s.terms.get(h.courses[3].termId)!, 2)} SGPA`, `${formatGpa(s.terms.get(h.courses[0].termId)!, 2)} SGPA`]);

    for (const c of h.courses) {
      const row = page.getByTestId(`course-result-${c.courseId}`);
      const g = s.courses.get(c.courseId)!;
      await expect(row.getByTestId("course-grade")).toHaveText(g.grade!.letter);
      await expect(row.getByTestId("course-points")).toHaveText(`${g.grade!.points} pts`);
      if (g.attempts > 1) await expect(row.getByTestId("course-attempt")).toHaveText(`Attempt ${g.attempt}`);
    }
    // The failed first attempt: F, 0 points, attempt 1; the repeat replaces it in the CGPA.
    await expect(page.getByTestId(`course-result-${h.courses[1].courseId}`).getByTestId("course-grade")).toHaveText("F");
  });
});

test("the result page a guardian opens shows the same SGPA and CGPA", async ({ page, ownGpaHistory }) => {
  const h = await ownGpaHistory({ first: [92, 64, 48], repeat: 81 });
  const { s, percent, formula } = expected(h);
  await page.goto(`/r/${h.token}`);
  await expect(page.getByTestId("result-candidate")).toHaveText(h.candidate.fullName);
  await expect(page.getByTestId("result-cgpa")).toHaveText(`${formatGpa(s.cgpa, 2)} CGPA`);
  await expect(page.getByTestId("result-cgpa-percent")).toHaveText(percent);
  await expect(page.getByTestId("result-gpa")).toContainText(formula);
  await expect(page.getByTestId("result-sgpa")).toHaveText([
    `${formatGpa(s.terms.get(h.courses[3].termId)!, 2)} SGPA`,
    `${formatGpa(s.terms.get(h.courses[0].termId)!, 2)} SGPA`,
  ]);
});
