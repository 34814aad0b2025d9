import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { unzipSync } from "fflate";
import { db } from "@/db/client";
import { emailMessages, gradeCardFiles, gradeCardRuns } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { formatPercent } from "@/lib/results";
import { formatGpa } from "@/lib/results/gpa";
import { createAssessment } from "@/db/queries/assessments";
import { createCourse } from "@/db/queries/courses";
import { enrol } from "@/db/queries/candidates";
import { saveMark } from "@/db/queries/marks";
import { issueAccessLink } from "@/db/queries/access-links";
import { candidateResults } from "@/db/queries/results";
import { continueReportRun, startReportRun } from "@/db/queries/reports";
import { mailDropPath } from "@/lib/email/mail-drop";
import { eraseCandidate } from "@/db/queries/privacy";
import { continueGradeCardRun, getGradeCardRun, gradeCardFile, gradeCardZip, listGradeCardFiles, startGradeCardRun } from "@/db/queries/grade-card-runs";
import { makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";
import { pdfText } from "../support/pdf-text";

// The bulk run can be made to fail at the n-th render, as a crash mid-batch would.
const crash = vi.hoisted(() => ({ at: 0, count: 0 }));
vi.mock("@/lib/pdf/render", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/pdf/render")>();
  return {
    ...real,
    renderGradeCard: async (...args: Parameters<typeof real.renderGradeCard>) => {
      crash.count += 1;
      if (crash.at && crash.count === crash.at) throw new Error("simulated crash while rendering");
      return real.renderGradeCard(...args);
    },
  };
});

const { GET: staffCard } = await import("@/app/api/grade-cards/[candidateId]/route");
const { GET: parentsCard } = await import("@/app/r/[token]/grade-card/route");
const { GET: runFile } = await import("@/app/api/grade-card-runs/[runId]/files/[candidateId]/route");
const { GET: runZip } = await import("@/app/api/grade-card-runs/[runId]/zip/route");

const asUser = async <T>(user: { id: number } | null, call: () => Promise<T>) => {
  signInAs(user);
  try {
    return await call();
  } finally {
    signInAs(null);
  }
};
const getCard = (user: { id: number } | null, candidateId: number, term: number | string) =>
  asUser(user, () =>
    staffCard(new Request(`http://localhost:3000/api/grade-cards/${candidateId}?term=${term}`), {
      params: Promise.resolve({ candidateId: String(candidateId) }),
    }),
  );
const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

type Course = Awaited<ReturnType<typeof makeCourse>>;
let main: Course;
let other: Course;
let admin: Actor & { sessionVersion?: number };
let counsellor: Actor & { sessionVersion?: number };
let secondCourseId: number;

beforeAll(async () => {
  admin = await makeUser("admin");
  counsellor = await makeUser("counsellor");
  main = await makeCourse({ candidates: 4 });
  other = await makeCourse({ candidates: 1 });
  const exam = await createAssessment(SYSTEM, main.course.id, { name: "Exam", kind: "exam", maxScore: 100, weight: 1, published: true });
  const scores = [85, 30, 64, 72];
  for (const [i, c] of main.candidates.entries())
    await saveMark(SYSTEM, { assessmentId: exam.id, candidateId: c.id, score: scores[i], status: "graded", expectedVersion: null });
  // A second course in the same term, taught by someone else: its figures are not main.teacher's to print.
  const colleague = await makeUser("faculty");
  const second = await createCourse(SYSTEM, {
    code: `X${main.course.code}`,
    name: "Colleague's course",
    programId: main.program.id,
    termId: main.term.id,
    credits: 3,
    teacherIds: [colleague.id],
  });
  secondCourseId = second.id;
  await enrol(SYSTEM, [main.candidates[0].id], second.id);
  const exam2 = await createAssessment(SYSTEM, second.id, { name: "Exam", kind: "exam", maxScore: 100, weight: 1, published: true });
  await saveMark(SYSTEM, { assessmentId: exam2.id, candidateId: main.candidates[0].id, score: 91, status: "graded", expectedVersion: null });
});

describe("the staff route: one candidate's grade card", () => {
  it("is a PDF attachment, never cached, whose printed figures are the candidate page's", async () => {
    const cand = main.candidates[0];
    const res = await getCard(admin, cand.id, main.term.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="grade-card-[a-z0-9-]+\.pdf"/);
    expect(res.headers.get("cache-control")).toBe("private, no-store, max-age=0");
    const pdf = await bytesOf(res);
    expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const text = await pdfText(pdf);
    // What the candidate page shows the same person, formatted by the same helpers.
    const page = await candidateResults(admin, cand.id);
    const term = page.terms.find((t) => t.termId === main.term.id)!;
    expect(text).toContain(cand.fullName);
    expect(text).toContain(cand.candidateNumber);
    expect(text).toContain(`SGPA\n${formatGpa(term.sgpa, 2)}`);
    expect(text).toContain(`CGPA\n${formatGpa(page.gpa.cgpa, 2)}`);
    expect(text).toContain(formatPercent(page.gpa.percent, 2));
    for (const c of term.courses) {
      const row = text.split("\n").find((l) => l.startsWith(`${c.code} `));
      expect(row, `row of ${c.code}`).toBeDefined();
      expect(row).toContain(` ${c.grade} ${c.gradePoints?.points} `);
      expect(row).toContain(c.verdict);
    }
    expect(term.courses.map((c) => c.code).sort()).toEqual([main.course.code, `X${main.course.code}`].sort());
  });

  it("a faculty member's card prints only the courses they teach, as their candidate page does", async () => {
    const cand = main.candidates[0];
    const text = await pdfText(await bytesOf(await getCard(main.teacher, cand.id, main.term.id)));
    const page = await candidateResults(main.teacher, cand.id);
    expect(page.courses.map((c) => c.courseId)).toEqual([main.course.id]);
    expect(text).toContain(`${main.course.code} ${main.course.name}`);
    expect(text).not.toContain("Colleague's course");
    expect(text).toContain(`SGPA\n${formatGpa(page.terms[0].sgpa, 2)}`);
  });

  it("refuses another teacher's candidate (404), a counsellor (403), no session (401) and a bad term (400), writing nothing", async () => {
    const before = await db.all(sql`select count(*) as n from audit_events`);
    expect((await getCard(main.teacher, other.candidates[0].id, other.term.id)).status).toBe(404);
    // Their own candidate, but a term the candidate has no course in.
    expect((await getCard(main.teacher, main.candidates[0].id, other.term.id)).status).toBe(404);
    expect((await getCard(counsellor, main.candidates[0].id, main.term.id)).status).toBe(403);
    expect((await getCard(null, main.candidates[0].id, main.term.id)).status).toBe(401);
    expect((await getCard(admin, main.candidates[0].id, "x")).status).toBe(400);
    expect(await db.all(sql`select count(*) as n from audit_events`)).toEqual(before);
  });
});

describe("the parents' route behind the personal link", () => {
  const open = (token: string, term?: number) =>
    parentsCard(new Request(`http://localhost:3000/r/${token}/grade-card${term ? `?term=${term}` : ""}`, { headers: { "x-forwarded-for": "203.0.113.9" } }), {
      params: Promise.resolve({ token }),
    });

  it("gives the link's candidate their card (the latest term when none is named), and nothing to a dead or wrong link", async () => {
    const cand = main.candidates[1];
    const { token } = await issueAccessLink(db, SYSTEM, { candidateId: cand.id, recipient: "parent@home.test" });
    const res = await open(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const text = await pdfText(await bytesOf(res));
    expect(text).toContain(cand.fullName);
    expect(text).toContain("Fail"); // 30 / 100 under the default scheme
    expect((await open(token, main.term.id)).status).toBe(200);
    // A term the candidate has nothing in: a plain page, not a PDF.
    const none = await open(token, other.term.id);
    expect(none.status).toBe(404);
    expect(await none.text()).toContain("No grade card for this term yet");
    const dead = await open("x".repeat(43));
    expect(dead.status).toBe(404);
    expect(await dead.text()).toContain("This link is no longer valid");
  });
});

describe("the progress-report email", () => {
  it("links to the grade card behind the same personal link, and that link opens the card", async () => {
    const made = await makeCourse({ candidates: 1 });
    const run = await startReportRun(made.teacher, { kind: "course", courseId: made.course.id });
    await continueReportRun(made.teacher, run.id, 10);
    const [m] = await db.select().from(emailMessages).where(eq(emailMessages.runId, run.id));
    // The log holds the placeholder, never the token; the delivered copy (the outbox's mail drop) holds the token.
    expect(m.text).toContain(`/r/__personal_link__/grade-card?term=${made.term.id}`);
    const delivered = readFileSync(mailDropPath(m.id), "utf8");
    const found = /\/r\/([A-Za-z0-9_-]{20,})\/grade-card\?term=(\d+)/.exec(delivered);
    expect(found, "the delivered text carries the grade card's link").not.toBeNull();
    const [, token, term] = found!;
    expect(Number(term)).toBe(made.term.id);
    const res = await parentsCard(new Request(`http://localhost:3000/r/${token}/grade-card?term=${term}`), { params: Promise.resolve({ token }) });
    expect(res.status).toBe(200);
    expect(await pdfText(await bytesOf(res))).toContain(made.candidates[0].fullName);
  });
});

describe("bulk runs", () => {
  it("a faculty member makes their course's cards a batch at a time; an interrupted run resumes without duplicating", async () => {
    const run = await startGradeCardRun(main.teacher, { kind: "course", courseId: main.course.id });
    expect(run).toMatchObject({ total: 4, done: 0, status: "running", termId: main.term.id });
    const first = await continueGradeCardRun(main.teacher, run.id, 1);
    expect(first).toMatchObject({ done: 1, total: 4, made: 1, finished: false });
    // The next batch dies half-way (the process crashes while rendering its second card).
    crash.count = 0;
    crash.at = 2;
    await expect(continueGradeCardRun(main.teacher, run.id, 2)).rejects.toThrow("simulated crash");
    crash.at = 0;
    // Nothing of the failed batch was stored: the run still says 1 of 4.
    expect((await getGradeCardRun(main.teacher, run.id)).done).toBe(1);
    // Resumed from two tabs at once, then to the end.
    await Promise.all([continueGradeCardRun(main.teacher, run.id, 2), continueGradeCardRun(main.teacher, run.id, 2)]);
    let p = await continueGradeCardRun(main.teacher, run.id, 2);
    while (!p.finished) p = await continueGradeCardRun(main.teacher, run.id, 2);
    expect(p).toMatchObject({ done: 4, total: 4 });
    const rows = await db.select({ c: gradeCardFiles.candidateId, size: gradeCardFiles.size }).from(gradeCardFiles).where(eq(gradeCardFiles.runId, run.id));
    expect(rows.map((r) => r.c).sort((a, b) => a - b)).toEqual(main.candidates.map((c) => c.id).sort((a, b) => a - b));
    expect(rows.every((r) => r.size > 1000)).toBe(true);
    // Once done, more calls change nothing.
    expect(await continueGradeCardRun(main.teacher, run.id)).toMatchObject({ done: 4, made: 0, finished: true });
    expect((await db.select().from(gradeCardFiles).where(eq(gradeCardFiles.runId, run.id))).length).toBe(4);

    // One card, as stored, names its candidate and prints their SGPA; the list counts what it shows.
    const cand = main.candidates[2];
    const one = await asUser(main.teacher, () =>
      runFile(new Request(`http://localhost:3000/api/grade-card-runs/${run.id}/files/${cand.id}`), {
        params: Promise.resolve({ runId: String(run.id), candidateId: String(cand.id) }),
      }),
    );
    expect(one.status).toBe(200);
    const text = await pdfText(await bytesOf(one));
    const page = await candidateResults(main.teacher, cand.id);
    expect(text).toContain(cand.fullName);
    expect(text).toContain(`SGPA\n${formatGpa(page.terms[0].sgpa, 2)}`);
    const list = await listGradeCardFiles(main.teacher, run.id, { q: cand.fullName });
    expect(list.total).toBe(1);
    expect(list.rows.map((r) => r.candidateId)).toEqual([cand.id]);
    expect((await listGradeCardFiles(main.teacher, run.id)).total).toBe(4);

    // All of them as one ZIP: four PDFs.
    const zipRes = await asUser(main.teacher, () =>
      runZip(new Request(`http://localhost:3000/api/grade-card-runs/${run.id}/zip`), { params: Promise.resolve({ runId: String(run.id) }) }),
    );
    expect(zipRes.status).toBe(200);
    expect(zipRes.headers.get("content-type")).toBe("application/zip");
    const entries = unzipSync(new Uint8Array(await zipRes.arrayBuffer()));
    expect(Object.keys(entries)).toHaveLength(4);
    for (const bytes of Object.values(entries)) expect(Buffer.from(bytes.subarray(0, 4)).toString("latin1")).toBe("%PDF");
  });

  it("keeps each maker to their own: no other course, no whole term, no one else's run or files", async () => {
    await expect(startGradeCardRun(main.teacher, { kind: "course", courseId: other.course.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startGradeCardRun(main.teacher, { kind: "course", courseId: secondCourseId })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startGradeCardRun(main.teacher, { kind: "term", termId: main.term.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(startGradeCardRun(main.teacher, { kind: "program_term", programId: main.program.id, termId: main.term.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(startGradeCardRun(counsellor, { kind: "course", courseId: main.course.id })).rejects.toBeInstanceOf(ForbiddenError);
    const theirs = await startGradeCardRun(other.teacher, { kind: "course", courseId: other.course.id });
    await continueGradeCardRun(other.teacher, theirs.id);
    await expect(continueGradeCardRun(main.teacher, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(gradeCardFile(main.teacher, theirs.id, other.candidates[0].id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(gradeCardZip(main.teacher, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    const res = await asUser(main.teacher, () =>
      runFile(new Request(`http://localhost:3000/api/grade-card-runs/${theirs.id}/files/${other.candidates[0].id}`), {
        params: Promise.resolve({ runId: String(theirs.id), candidateId: String(other.candidates[0].id) }),
      }),
    );
    expect(res.status).toBe(404);
    // An admin may open anyone's.
    expect((await gradeCardFile(admin, theirs.id, other.candidates[0].id)).pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
  });

  it("an admin's whole-term run covers every active candidate of the term, the colleague's course included", async () => {
    const run = await startGradeCardRun(admin, { kind: "term", termId: main.term.id });
    expect(run.total).toBe(4);
    let p = await continueGradeCardRun(admin, run.id, 3);
    expect(p).toMatchObject({ done: 3, finished: false });
    p = await continueGradeCardRun(admin, run.id, 3);
    expect(p).toMatchObject({ done: 4, finished: true });
    const { pdf } = await gradeCardFile(admin, run.id, main.candidates[0].id);
    expect(await pdfText(pdf)).toContain("Colleague's course");
    const [row] = await db.select().from(gradeCardRuns).where(eq(gradeCardRuns.id, run.id));
    expect(row).toMatchObject({ status: "done", done: 4, total: 4 });
    expect(row.finishedAt).not.toBeNull();
  });

  it("erasing a candidate deletes their stored cards", async () => {
    const { candidates } = await makeCourse({ candidates: 1 });
    const [c] = candidates;
    const course = (await db.all<{ course_id: number }>(sql`select course_id from enrolments where candidate_id = ${c.id}`))[0].course_id;
    const run = await startGradeCardRun(admin, { kind: "course", courseId: course });
    await continueGradeCardRun(admin, run.id);
    expect((await db.select().from(gradeCardFiles).where(eq(gradeCardFiles.candidateId, c.id))).length).toBe(1);
    await eraseCandidate(admin, c.id, { confirm: c.candidateNumber, reason: "Asked to be forgotten" });
    expect(await db.select().from(gradeCardFiles).where(eq(gradeCardFiles.candidateId, c.id))).toEqual([]);
  });

  it("a term's report run and grade-card run cover the same candidates: active ones with an active enrolment (one rule)", async () => {
    const { term, course, candidates: people } = await makeCourse({ candidates: 3 });
    // One candidate dropped the term's only course: neither run is for them.
    await db.run(sql`update enrolments set status = 'dropped' where course_id = ${course.id} and candidate_id = ${people[2].id}`);
    const reports = await startReportRun(admin, { kind: "term", termId: term.id });
    const cards = await startGradeCardRun(admin, { kind: "term", termId: term.id });
    expect(reports.total).toBe(2);
    expect(cards.total).toBe(2);
    const byCourse = await startReportRun(admin, { kind: "course", courseId: course.id });
    expect(byCourse.total).toBe(2);
  });
});
