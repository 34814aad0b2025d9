// Changing an id in a form never reaches another's data: a faculty member, holding every
// permission the action asks for, sends otherwise valid payloads that name a colleague's
// course, assessment, session, candidate, task, interaction, alert, link, import or report
// run. Each call is refused and the database stays byte-for-byte as it was.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { SYSTEM } from "@/lib/actor";
import { saveMark } from "@/db/queries/marks";
import { createSession } from "@/db/queries/attendance";
import { createTask } from "@/db/queries/tasks";
import { createInteraction } from "@/db/queries/interactions";
import { issueAccessLink } from "@/db/queries/access-links";
import { commitImport } from "@/db/queries/imports";
import { continueReportRun, startReportRun } from "@/db/queries/reports";
import { startGradeCardRun } from "@/db/queries/grade-card-runs";
import type { ActionResult } from "@/lib/action";
import { saveMarkAction, markHistoryAction } from "@/app/(staff)/courses/[id]/gradebook/actions";
import { createAssessmentAction, updateAssessmentAction, removeAssessmentAction, restoreAssessmentAction } from "@/app/(staff)/courses/[id]/actions";
import { createSessionAction, saveRegisterAction, deleteSessionAction } from "@/app/(staff)/courses/[id]/attendance/actions";
import { previewImportAction, undoImportAction } from "@/app/(staff)/imports/actions";
import { startReportRunAction, continueReportRunAction, resendUnopenedAction } from "@/app/(staff)/reports/actions";
import { startGradeCardRunAction, continueGradeCardRunAction } from "@/app/(staff)/grade-cards/actions";
import { updateNotesAction, revokeLinkAction } from "@/app/(staff)/candidates/actions";
import { addInteractionAction, updateInteractionAction } from "@/app/(staff)/interactions/actions";
import { createTaskAction, updateTaskAction, setTaskStatusAction, deleteTaskAction } from "@/app/(staff)/tasks/actions";
import { acknowledgeAlertAction } from "@/app/(staff)/alerts/actions";
import { previewSchemeAction, saveSchemeAction } from "@/app/(staff)/courses/[id]/scheme/actions";
import { requestCondonationAction } from "@/app/(staff)/attendance/condonations/actions";
import { DEFAULT_SCHEME } from "@/lib/results/scheme";
import { loadGradeCard } from "@/db/queries/grade-cards";
import { NotFoundError } from "@/lib/errors";
import { addWorkedExample, makeCourse } from "../support/academy";
import { signInAs } from "../support/session";

/** Every row of every table, hashed: equal before and after means nothing at all was written. */
async function contentHash(): Promise<string> {
  const tables = await db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('rate_limits', '__drizzle_migrations') order by name`,
  );
  const h = createHash("sha256");
  for (const { name } of tables) {
    h.update(name);
    for (const row of await db.all(sql.raw(`select * from "${name}" order by rowid`))) h.update(JSON.stringify(row));
  }
  return h.digest("hex");
}

type Call = (prev: null, payload: unknown) => Promise<ActionResult>;

let mine: Awaited<ReturnType<typeof makeCourse>>;
let theirs: Awaited<ReturnType<typeof makeCourse>>;
const their: Record<string, number> = {};

beforeAll(async () => {
  mine = await makeCourse({ candidates: 1 });
  theirs = await makeCourse({ candidates: 2 });
  const colleague = theirs.teacher;
  const { quiz, project } = await addWorkedExample(theirs.course.id);
  const [b1, b2] = theirs.candidates;
  // A failing mark raises an alert on the colleague's candidate.
  await saveMark(colleague, { assessmentId: quiz.id, candidateId: b1.id, score: 1, status: "graded", expectedVersion: null });
  const session = await createSession(colleague, theirs.course.id, { heldOn: "2026-02-02", topic: "Vectors" });
  const task = await createTask(colleague, {
    title: "Call home",
    description: null,
    dueAt: null,
    ownerId: colleague.id,
    status: "open",
    leadId: null,
    candidateId: b1.id,
  });
  const interaction = await createInteraction(colleague, { candidateId: b1.id }, { kind: "note", body: "Private note" });
  const link = await issueAccessLink(db, SYSTEM, { candidateId: b1.id, recipient: "parent" });
  const imp = await commitImport(colleague, {
    kind: "marks",
    fileName: "theirs.csv",
    text: `Candidate,Course,Assessment,Score\n${b2.candidateNumber},${theirs.course.code},Quiz,12\n`,
    mapping: { candidateNumber: "Candidate", courseCode: "Course", assessment: "Assessment", score: "Score" },
    courseId: theirs.course.id,
  });
  const run = await startReportRun(colleague, { kind: "course", courseId: theirs.course.id });
  // Sent, so its recipients have links nobody opened: a resend someone else could try to trigger.
  await continueReportRun(colleague, run.id, 50);
  const cardRun = await startGradeCardRun(colleague, { kind: "course", courseId: theirs.course.id });
  const [alert] = await db.all<{ id: number }>(sql`select id from alerts where candidate_id = ${b1.id}`);
  Object.assign(their, {
    course: theirs.course.id,
    quiz: quiz.id,
    project: project.id,
    candidate: b1.id,
    session: session.id,
    task: task.id,
    interaction: interaction.id,
    link: link.id,
    import: imp.importId,
    run: run.id,
    cardRun: cardRun.id,
    alert: alert?.id ?? 0,
  });
});

describe("a faculty member cannot reach a colleague's records by changing an id", () => {
  const cases: [string, () => [Call, Record<string, unknown>]][] = [
    [
      "save a mark in their course",
      () => [saveMarkAction as Call, { assessmentId: their.quiz, candidateId: their.candidate, score: "19", status: "graded", expectedVersion: "1" }],
    ],
    [
      "save a mark for their candidate against my assessment's id",
      () => [saveMarkAction as Call, { assessmentId: their.project, candidateId: mine.candidates[0].id, score: "19", status: "graded", expectedVersion: "" }],
    ],
    ["read a mark's history", () => [markHistoryAction as Call, { assessmentId: their.quiz, candidateId: their.candidate }]],
    [
      "add an assessment to their course",
      () => [createAssessmentAction as Call, { courseId: their.course, name: "Sneaky", kind: "quiz", maxScore: "10", weight: "5", published: "on" }],
    ],
    [
      "edit their assessment (through my course's id)",
      () => [updateAssessmentAction as Call, { id: their.quiz, courseId: mine.course.id, name: "Renamed", kind: "quiz", maxScore: "10", weight: "5" }],
    ],
    ["remove their assessment", () => [removeAssessmentAction as Call, { id: their.project, courseId: mine.course.id }]],
    ["restore their assessment", () => [restoreAssessmentAction as Call, { id: their.project, courseId: mine.course.id }]],
    ["add a session to their course", () => [createSessionAction as Call, { courseId: their.course, heldOn: "2026-02-03", topic: "x" }]],
    [
      "save their register",
      () => [saveRegisterAction as Call, { sessionId: their.session, courseId: mine.course.id, entries: [{ candidateId: their.candidate, status: "absent" }] }],
    ],
    ["delete their session", () => [deleteSessionAction as Call, { sessionId: their.session, courseId: mine.course.id }]],
    [
      "preview an import into their course",
      () => [
        previewImportAction as Call,
        { kind: "marks", fileName: "x.csv", text: "candidate_number,assessment,score\nX,Quiz,1\n", mapping: "{}", courseId: String(their.course) },
      ],
    ],
    ["undo their import", () => [undoImportAction as Call, { id: their.import }]],
    ["send reports for their course", () => [startReportRunAction as Call, { kind: "course", courseId: their.course }]],
    ["send a report to their candidate", () => [startReportRunAction as Call, { kind: "candidate", candidateId: their.candidate }]],
    ["continue their report run", () => [continueReportRunAction as Call, { runId: their.run }]],
    ["resend their run's reports to those who have not opened", () => [resendUnopenedAction as Call, { runId: their.run }]],
    ["generate grade cards for their course", () => [startGradeCardRunAction as Call, { kind: "course", courseId: their.course }]],
    ["generate a whole term's grade cards", () => [startGradeCardRunAction as Call, { kind: "term", termId: mine.term.id }]],
    ["continue their grade card run", () => [continueGradeCardRunAction as Call, { runId: their.cardRun }]],
    ["edit notes of someone else's advisee", () => [updateNotesAction as Call, { id: their.candidate, notes: "Mine now" }]],
    ["revoke a link of their candidate", () => [revokeLinkAction as Call, { id: their.link, candidateId: mine.candidates[0].id }]],
    [
      "note an interaction on their candidate",
      () => [addInteractionAction as Call, { subject: "candidate", subjectId: their.candidate, kind: "note", body: "hello" }],
    ],
    ["edit their interaction", () => [updateInteractionAction as Call, { id: their.interaction, kind: "note", body: "rewritten" }]],
    ["link a task to their candidate", () => [createTaskAction as Call, { title: "Snoop", candidateId: String(their.candidate) }]],
    ["edit their task", () => [updateTaskAction as Call, { id: their.task, title: "Mine" }]],
    ["complete their task", () => [setTaskStatusAction as Call, { id: their.task, status: "done" }]],
    ["delete their task", () => [deleteTaskAction as Call, { id: their.task }]],
    ["acknowledge an alert on their candidate", () => [acknowledgeAlertAction as Call, { id: their.alert, note: "seen" }]],
    [
      "preview a scheme change on their course",
      () => [
        previewSchemeAction as Call,
        { courseId: their.course, scheme: DEFAULT_SCHEME, effectiveFrom: "2026-02-01", presetId: null, assignments: [], basedOn: null },
      ],
    ],
    [
      "save a scheme on their course",
      () => [
        saveSchemeAction as Call,
        { courseId: their.course, scheme: DEFAULT_SCHEME, effectiveFrom: "2026-02-01", presetId: null, assignments: [], basedOn: null },
      ],
    ],
    [
      "request a condonation for their candidate in their course",
      () => [requestCondonationAction as Call, { candidateId: their.candidate, courseId: their.course, reason: "Ill", documentNote: "" }],
    ],
    [
      "request a condonation for my candidate against their course's id",
      () => [requestCondonationAction as Call, { candidateId: mine.candidates[0].id, courseId: their.course, reason: "Ill", documentNote: "" }],
    ],
  ];

  it("has an alert to try", () => {
    expect(their.alert).toBeGreaterThan(0);
  });

  it.each(cases)("%s: refused, nothing written", async (_name, make) => {
    const [fn, payload] = make();
    signInAs(mine.teacher);
    const before = await contentHash();
    const r = await fn(null, payload);
    signInAs(null);
    expect(r.ok, JSON.stringify(r)).toBe(false);
    if (!r.ok) expect(["forbidden", "not_found"]).toContain(r.code);
    expect(await contentHash()).toBe(before);
  });

  it("the same calls on my own course go through (the refusals are about scope, not shape)", async () => {
    signInAs(mine.teacher);
    const created = await createAssessmentAction(null, {
      courseId: mine.course.id,
      name: "Mine",
      kind: "quiz",
      maxScore: "10",
      weight: "5",
      dueOn: "",
      published: "on",
    });
    expect(created).toMatchObject({ ok: true });
    const session = await createSessionAction(null, { courseId: mine.course.id, heldOn: "2026-02-03", topic: "x" });
    expect(session).toMatchObject({ ok: true });
    expect(await addInteractionAction(null, { subject: "candidate", subjectId: mine.candidates[0].id, kind: "note", body: "hello" })).toMatchObject({
      ok: true,
    });
    signInAs(null);
  });
});

describe("a grade card is read within the pages' scope", () => {
  it("a faculty member gets NotFound for a colleague's candidate, and their own candidate's card", async () => {
    const before = await contentHash();
    await expect(loadGradeCard(mine.teacher, their.candidate, theirs.term.id)).rejects.toBeInstanceOf(NotFoundError);
    // My own candidate, but naming the colleague's term: no course of it is visible.
    await expect(loadGradeCard(mine.teacher, mine.candidates[0].id, theirs.term.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await loadGradeCard(mine.teacher, mine.candidates[0].id, mine.term.id)).candidate.id).toBe(mine.candidates[0].id);
    expect(await contentHash()).toBe(before);
  });

  it("a link opens its own candidate's card only", async () => {
    const link = { linkId: their.link, candidateId: their.candidate, expiresAt: new Date(Date.now() + 86_400_000) };
    await expect(loadGradeCard(link, mine.candidates[0].id, mine.term.id)).rejects.toBeInstanceOf(NotFoundError);
    // A link id that is not this candidate's.
    await expect(loadGradeCard({ ...link, candidateId: mine.candidates[0].id }, mine.candidates[0].id, mine.term.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await loadGradeCard(link, their.candidate, theirs.term.id)).candidate.id).toBe(their.candidate);
  });
});
