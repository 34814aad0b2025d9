import { describe, expect, it } from "vitest";
import { SYSTEM } from "@/lib/actor";
import { updateAssessment } from "@/db/queries/assessments";
import { saveMark } from "@/db/queries/marks";
import { reportContent } from "@/db/queries/reports";
import { candidateResults } from "@/db/queries/results";
import { computeCourseResult, formatPercent } from "@/lib/results";
import ProgressReport, { text as reportText } from "@/emails/progress-report";
import { renderEmail } from "@/lib/email/render";
import { SAMPLE_BRANDING } from "@/emails/components/layout";
import { addWorkedExample, makeCourse } from "../support/academy";

// Release to parents (issue 13, point 8): a held assessment leaves the parents' figures and the
// progress report, which say so; staff still see everything.
describe("held assessments", () => {
  it("are left out of the progress report's figures and marks, with a note; staff see them", async () => {
    const { course, candidates, term } = await makeCourse({ candidates: 1 });
    const { quiz, midterm, project } = await addWorkedExample(course.id);
    const c = candidates[0].id;
    await saveMark(SYSTEM, { assessmentId: quiz.id, candidateId: c, score: 15, status: "graded", expectedVersion: null });
    await saveMark(SYSTEM, { assessmentId: midterm.id, candidateId: c, score: 36, status: "graded", expectedVersion: null });
    await saveMark(SYSTEM, { assessmentId: project.id, candidateId: c, score: null, status: "excused", expectedVersion: null });

    const before = await reportContent(c, term.id);
    expect(before.courses[0].percent).toBe("72.8%");
    expect(before.courses[0].held ?? 0).toBe(0);
    expect(reportText({ ...ProgressReport.PreviewProps, courses: before.courses })).not.toContain("released marks only");

    await updateAssessment(SYSTEM, midterm.id, {
      name: "Midterm",
      kind: "exam",
      maxScore: 50,
      weight: 30,
      published: true,
      dueOn: "2026-03-01",
      released: false,
    });
    const held = await reportContent(c, term.id);
    const [r] = held.courses;
    expect(r.held).toBe(1);
    expect(r.marks.map((m) => m.name)).toEqual(["Quiz", "Project"]);
    // Quiz alone: 15 / 20 → 75.0%.
    const quizOnly = computeCourseResult([{ ...quiz, published: true }], [{ assessmentId: quiz.id, score: 15, status: "graded" }]);
    expect(r.percent).toBe(formatPercent(quizOnly.shown));
    const props = { ...ProgressReport.PreviewProps, branding: SAMPLE_BRANDING, courses: held.courses };
    expect(reportText(props)).toContain("Figures from released marks only: one assessment is not released yet.");
    const { html } = await renderEmail("progress-report", props);
    expect(html).toContain("Figures from released marks only");
    expect(html).not.toContain("Midterm");

    // Staff: everything, the held one included.
    const staff = await candidateResults(SYSTEM, c);
    expect(staff.courses[0].assessments.map((a) => a.name)).toContain("Midterm");
    expect(formatPercent(staff.courses[0].result.shown)).toBe("72.8%");
  });
});
