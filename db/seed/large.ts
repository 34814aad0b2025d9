import "server-only";
import { db } from "@/db/client";
import { SYSTEM, type Actor } from "@/lib/actor";
import { createUserWithPassword } from "@/db/queries/users";
import { createCourse } from "@/db/queries/courses";
import { createProgram } from "@/db/queries/programs";
import { createTerm } from "@/db/queries/terms";
import { getDefaultScale } from "@/db/queries/grading-scales";
import { createCandidatesBulk, enrol, type GuardianInput } from "@/db/queries/candidates";
import { createAssessmentsBulk } from "@/db/queries/assessments";
import { applyMarksBulk, pairsOf, type BulkMark } from "@/db/queries/marks";
import { applyAttendanceBulk, createSessionsBulk, type BulkAttendance } from "@/db/queries/attendance";
import { refreshResults } from "@/db/queries/refresh";
import { asc, eq, inArray } from "drizzle-orm";
import { assessments, courseSchemes } from "@/db/schema";
import type { Scheme } from "@/lib/results/scheme";
import { createLeadsBulk } from "@/db/queries/leads";
import { createTasksBulk } from "@/db/queries/tasks";
import { createInteractionsBulk } from "@/db/queries/interactions";
import { updateSettings } from "@/db/queries/settings";
import type { AssessmentKind, MarkStatus } from "@/lib/constants";
import { DEMO_PASSWORD } from "./demo";
import { FIRST_NAMES, LAST_NAMES, rng } from "./random";

export type LargeOptions = {
  candidates: number;
  programs: number;
  courses: number;
  perCandidate: number;
  assessments: number;
  sessions: number;
  leads: number;
  tasks: number;
  interactions: number;
  hugeCandidates: number;
  hugeAssessments: number;
  faculty: number;
};

export const LARGE_DEFAULTS: LargeOptions = {
  candidates: 20_000,
  programs: 10,
  courses: 600,
  perCandidate: 6,
  assessments: 12,
  sessions: 40,
  leads: 5_000,
  tasks: 20_000,
  interactions: 20_000,
  hugeCandidates: 1_000,
  hugeAssessments: 100,
  faculty: 60,
};

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const KINDS: AssessmentKind[] = ["quiz", "assignment", "test", "project", "exam"];

type Log = (msg: string) => void;

/** Times a phase and reports its rows per second. */
async function phase<T>(log: Log, name: string, rows: () => number, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await fn();
  const s = (performance.now() - t) / 1000;
  const n = rows();
  log(
    `${name.padEnd(26)} ${n.toLocaleString("en-IN").padStart(12)} rows  ${s.toFixed(1).padStart(6)} s  ${Math.round(n / Math.max(s, 0.001))
      .toLocaleString("en-IN")
      .padStart(9)} rows/s`,
  );
  return out;
}

/**
 * A deterministic synthetic institution, written through the queries layer's bulk variants
 * (multi-row inserts in transactions), with results and alerts computed by the same
 * refreshResults the app uses. Includes one "huge" course for the gradebook budget.
 */
export async function seedLarge(opts: LargeOptions = LARGE_DEFAULTS, log: Log = () => {}) {
  const r = rng(424242);
  const started = performance.now();
  const totals = { rows: 0 };
  await updateSettings(SYSTEM, { name: "Large Institute of Technology", shortName: "LIT" });
  await getDefaultScale();

  // Staff: the three demo sign-ins plus more faculty and counsellors.
  const admin = toActor(await createUserWithPassword(SYSTEM, { email: "admin@markbook.test", fullName: "Asha Menon", role: "admin", password: DEMO_PASSWORD }));
  const demoFaculty = toActor(
    await createUserWithPassword(SYSTEM, { email: "faculty@markbook.test", fullName: "Rahul Verma", role: "faculty", password: DEMO_PASSWORD }),
  );
  const counsellor = toActor(
    await createUserWithPassword(SYSTEM, { email: "counsellor@markbook.test", fullName: "Priya Nair", role: "counsellor", password: DEMO_PASSWORD }),
  );
  const faculty: Actor[] = [demoFaculty];
  for (let i = 1; i < opts.faculty; i++)
    faculty.push(
      toActor(
        await createUserWithPassword(SYSTEM, {
          email: `faculty${i}@large.test`,
          fullName: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
          role: "faculty",
          password: DEMO_PASSWORD,
        }),
      ),
    );
  const counsellors = [counsellor];
  for (let i = 1; i < 5; i++)
    counsellors.push(
      toActor(
        await createUserWithPassword(SYSTEM, {
          email: `counsellor${i}@large.test`,
          fullName: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
          role: "counsellor",
          password: DEMO_PASSWORD,
        }),
      ),
    );

  const now = Date.now();
  const t2Start = now - 14 * 7 * DAY;
  const t1Start = t2Start - 26 * 7 * DAY;
  const termSpecs = [
    { start: t1Start, end: t1Start + 20 * 7 * DAY, name: "Semester 1" },
    { start: t2Start, end: t2Start + 20 * 7 * DAY, name: "Semester 2" },
  ];
  const termRows: ((typeof termSpecs)[number] & { row: Awaited<ReturnType<typeof createTerm>> })[] = [];
  for (const t of termSpecs) termRows.push({ ...t, row: await createTerm(admin, { name: `${t.name} (large)`, startsOn: iso(t.start), endsOn: iso(t.end) }) });
  const programs: Awaited<ReturnType<typeof createProgram>>[] = [];
  for (let p = 0; p < opts.programs; p++)
    programs.push(await createProgram(admin, { code: `P${String(p + 1).padStart(2, "0")}`, name: `Program ${p + 1}`, durationMonths: 36 }));

  // Candidates with guardians, spread over the programs.
  const perProgram = Math.ceil(opts.candidates / opts.programs);
  const byProgram: number[][] = programs.map(() => []);
  const ability = new Map<number, number>();
  await phase(
    log,
    "candidates + guardians",
    () => opts.candidates * 2,
    async () => {
      for (let p = 0; p < programs.length; p++) {
        const count = Math.min(perProgram, opts.candidates - p * perProgram);
        if (count <= 0) break;
        const inputs = Array.from({ length: count }, (_, i) => {
          const n = p * perProgram + i + 1;
          const first = r.pick(FIRST_NAMES);
          const last = r.pick(LAST_NAMES);
          const guardians: GuardianInput[] = [
            {
              fullName: `${r.pick(FIRST_NAMES)} ${last}`,
              relationship: "Parent",
              email: `parent${n}@family.test`,
              phone: null,
              preferredContact: "email",
              receivesReports: true,
            },
          ];
          return {
            candidateNumber: `L-${String(n).padStart(6, "0")}`,
            fullName: `${first} ${last}`,
            email: `student${n}@students.test`,
            programId: programs[p].id,
            advisorId: faculty[n % faculty.length].id,
            status: "active" as const,
            consentToEmail: n % 3 === 0,
            guardians,
          };
        });
        const ids = await db.transaction((tx) => createCandidatesBulk(tx, admin, inputs));
        byProgram[p] = ids;
        for (const id of ids) ability.set(id, r.chance(0.08) ? r.normal(38, 6) : Math.min(97, Math.max(45, r.normal(70, 11))));
      }
    },
  );
  totals.rows += opts.candidates * 2;

  // Courses: per program and term, candidates in perCandidate/2 courses each term.
  const perTerm = Math.max(1, Math.round(opts.perCandidate / termRows.length));
  const coursesPerProgramTerm = Math.max(perTerm, Math.round(opts.courses / opts.programs / termRows.length));
  const pendingRefresh = new Set<string>();
  let marksWritten = 0;
  let attendanceWritten = 0;
  const work: { courseId: number; members: number[]; start: number; end: number }[] = [];
  await phase(
    log,
    "courses + enrolments",
    () => work.reduce((s, w) => s + w.members.length, 0),
    async () => {
      let courseNo = 0;
      for (const [pi, program] of programs.entries()) {
        const members = byProgram[pi];
        if (!members.length) continue;
        for (const t of termRows) {
          const groups: number[][] = Array.from({ length: coursesPerProgramTerm }, () => []);
          members.forEach((id, k) => {
            for (let j = 0; j < perTerm; j++) groups[(k + j * Math.ceil(coursesPerProgramTerm / perTerm)) % coursesPerProgramTerm].push(id);
          });
          for (let c = 0; c < coursesPerProgramTerm; c++) {
            courseNo += 1;
            const teacher = faculty[courseNo % faculty.length];
            const course = await createCourse(admin, {
              code: `${program.code}-${t.name === "Semester 1" ? "1" : "2"}${String(c + 1).padStart(2, "0")}`,
              name: `Course ${courseNo}`,
              programId: program.id,
              termId: t.row.id,
              credits: 3 + (c % 2),
              teacherIds: [teacher.id],
            });
            const ids = [...new Set(groups[c])];
            await enrol(admin, ids, course.id);
            work.push({ courseId: course.id, members: ids, start: t.start, end: t.end });
          }
        }
      }
    },
  );

  const fillCourse = async (w: (typeof work)[number], nAssessments: number, nSessions: number) => {
    const span = w.end - w.start;
    const list = await db.transaction((tx) =>
      createAssessmentsBulk(
        tx,
        admin,
        w.courseId,
        Array.from({ length: nAssessments }, (_, i) => ({
          name: `Assessment ${i + 1}`,
          kind: KINDS[i % KINDS.length],
          maxScore: [20, 50, 100][i % 3],
          weight: 5 + (i % 4) * 5,
          dueOn: iso(w.start + ((i + 1) / (nAssessments + 1)) * span),
          published: true,
        })),
      ),
    );
    const marks: BulkMark[] = [];
    for (const a of list) {
      if (a.dueOn! > iso(now)) continue;
      for (const id of w.members) {
        const roll = r.next();
        const status: MarkStatus = roll < 0.02 ? "absent" : roll < 0.035 ? "missing" : roll < 0.045 ? "excused" : roll < 0.07 ? "late" : "graded";
        const pct = Math.min(100, Math.max(0, r.normal(ability.get(id) ?? 65, 7)));
        marks.push({
          assessmentId: a.id,
          candidateId: id,
          score: status === "graded" || status === "late" ? Math.round((pct / 100) * a.maxScore) : null,
          status,
        });
      }
    }
    for (let i = 0; i < marks.length; i += 20_000) {
      await db.transaction((tx) => applyMarksBulk(tx, admin, marks.slice(i, i + 20_000), { deferRefresh: pendingRefresh }));
    }
    marksWritten += marks.length;
    const sessionDays = Array.from({ length: nSessions }, (_, i) => w.start + 2 * DAY + i * Math.floor(span / nSessions)).filter((d) => d < now);
    if (!sessionDays.length) return;
    const sessions = await db.transaction((tx) =>
      createSessionsBulk(
        tx,
        admin,
        w.courseId,
        sessionDays.map((d, i) => ({ heldOn: iso(d), topic: `Session ${i + 1}` })),
      ),
    );
    const rows: BulkAttendance[] = [];
    for (const s of sessions) {
      for (const id of w.members) {
        const x = r.next();
        const good = (ability.get(id) ?? 65) > 45;
        rows.push({ sessionId: s.id, candidateId: id, status: x < (good ? 0.9 : 0.72) ? (x < 0.05 ? "late" : "present") : x < 0.97 ? "absent" : "excused" });
      }
    }
    for (let i = 0; i < rows.length; i += 20_000) {
      await db.transaction((tx) => applyAttendanceBulk(tx, admin, rows.slice(i, i + 20_000), { deferRefresh: pendingRefresh }));
    }
    attendanceWritten += rows.length;
  };

  await phase(
    log,
    "assessments, marks, attendance",
    () => marksWritten * 2 + attendanceWritten,
    async () => {
      let done = 0;
      for (const w of work) {
        await fillCourse(w, opts.assessments, opts.sessions);
        if (++done % 50 === 0)
          log(`  … ${done}/${work.length} courses (${marksWritten.toLocaleString("en-IN")} marks, ${attendanceWritten.toLocaleString("en-IN")} attendance)`);
      }
    },
  );
  totals.rows += marksWritten * 2 + attendanceWritten;

  // The huge course: 1,000 candidates × 100 assessments in the current term, computed with a
  // multi-component scheme (the gradebook budget holds with every row's scheme recomputed live).
  let hugeCourseId: number | null = null;
  if (opts.hugeCandidates > 0 && opts.hugeAssessments > 0) {
    const members = byProgram.flat().slice(0, opts.hugeCandidates);
    const t = termRows[termRows.length - 1];
    const course = await createCourse(admin, {
      code: "HUGE-100",
      name: "Huge Course",
      programId: programs[0].id,
      termId: t.row.id,
      credits: 4,
      teacherIds: [demoFaculty.id],
    });
    hugeCourseId = course.id;
    await enrol(admin, members, course.id);
    const before = marksWritten;
    await phase(
      log,
      "huge course",
      () => marksWritten - before,
      async () => {
        // All its assessments are already due, so every cell is filled.
        await fillCourse({ courseId: course.id, members, start: t.start - 60 * DAY, end: now - DAY }, opts.hugeAssessments, 10);
        await giveHugeScheme(course.id, t.row.startsOn);
      },
    );
  }

  await phase(
    log,
    "results + alerts",
    () => pendingRefresh.size,
    async () => {
      const pairs = pairsOf(pendingRefresh);
      for (let i = 0; i < pairs.length; i += 5000) await db.transaction((tx) => refreshResults(tx, pairs.slice(i, i + 5000)));
    },
  );
  totals.rows += pendingRefresh.size;

  await phase(
    log,
    "leads, tasks, interactions",
    () => opts.leads + opts.tasks + opts.interactions,
    async () => {
      const statuses = ["New", "Qualified", "Converted", "Lost"] as const;
      const leadIds = await db.transaction((tx) =>
        createLeadsBulk(
          tx,
          counsellor,
          Array.from({ length: opts.leads }, (_, i) => ({
            studentName: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
            email: `lead${i}@mail.test`,
            phone: `+91 6${String(100000000 + i)}`,
            programOfInterest: programs[i % programs.length].name,
            source: ["Website form", "Education fair", "Walk-in", "Referral"][i % 4],
            status: statuses[i % 4],
            ownerId: counsellors[i % counsellors.length].id,
            followUpOn: i % 4 < 2 ? iso(now + ((i % 21) - 7) * DAY) : null,
            nextStep: i % 4 < 2 ? "Call back" : null,
          })),
        ),
      );
      const everyone = [...faculty, ...counsellors];
      const allCandidates = byProgram.flat();
      await db.transaction((tx) =>
        createTasksBulk(
          tx,
          admin,
          Array.from({ length: opts.tasks }, (_, i) => ({
            title: `Task ${i + 1}`,
            description: i % 3 ? null : "Synthetic task",
            dueAt: new Date(now + ((i % 30) - 10) * DAY),
            ownerId: everyone[i % everyone.length].id,
            status: (["open", "in_progress", "done"] as const)[i % 3],
            leadId: i % 2 === 0 && leadIds.length ? leadIds[i % leadIds.length] : null,
            candidateId: i % 2 === 1 && allCandidates.length ? allCandidates[i % allCandidates.length] : null,
          })),
        ),
      );
      await db.transaction((tx) =>
        createInteractionsBulk(
          tx,
          admin,
          Array.from({ length: opts.interactions }, (_, i) => ({
            kind: (["note", "call", "email", "meeting"] as const)[i % 4],
            body: `Synthetic interaction ${i + 1}`,
            occurredAt: new Date(now - (i % 90) * DAY),
            userId: counsellors[i % counsellors.length].id,
            ...(i % 2 === 0 && leadIds.length ? { leadId: leadIds[i % leadIds.length] } : { candidateId: allCandidates[i % allCandidates.length] }),
          })),
        ),
      );
    },
  );
  totals.rows += opts.leads + opts.tasks + opts.interactions;

  const seconds = (performance.now() - started) / 1000;
  log(`total ${totals.rows.toLocaleString("en-IN")} rows in ${seconds.toFixed(1)} s (${Math.round(totals.rows / seconds).toLocaleString("en-IN")} rows/s)`);
  return { hugeCourseId, courses: work.length, marks: marksWritten, attendance: attendanceWritten, seconds };
}

function toActor(u: { id: number; role: Actor["role"]; fullName: string; email: string }): Actor {
  return { id: u.id, role: u.role, fullName: u.fullName, email: u.email };
}

/**
 * The huge course's scheme: the first 60 % of its assessments are quizzes (mean of
 * percentages, the lowest 5 dropped, to 20), the next 30 % tests (the best 10, summed, to 20),
 * attendance by band (to 5), the last 10 % the external exam (summed, to 55); minimums 18,
 * 22 and 40. Written directly (the results phase below computes every row once).
 */
async function giveHugeScheme(courseId: number, startsOn: string) {
  const rows = await db
    .select({ id: assessments.id })
    .from(assessments)
    .where(eq(assessments.courseId, courseId))
    .orderBy(asc(assessments.position), asc(assessments.id));
  const n = rows.length;
  const keyOf = (i: number) => (i < Math.floor(n * 0.6) ? "quizzes" : i < Math.floor(n * 0.9) ? "tests" : "exam");
  const scheme: Scheme = {
    components: [
      { key: "quizzes", name: "Quizzes", part: "internal", source: "assessments", aggregation: "mean", best: null, dropLowest: 5, dropHighest: 0, max: 20 },
      { key: "tests", name: "Tests", part: "internal", source: "assessments", aggregation: "sum", best: 10, dropLowest: 0, dropHighest: 0, max: 20 },
      {
        key: "attendance",
        name: "Attendance",
        part: "internal",
        source: "attendance",
        aggregation: "sum",
        best: null,
        dropLowest: 0,
        dropHighest: 0,
        max: 5,
        bands: [
          { min: 90, marks: 5 },
          { min: 80, marks: 3 },
          { min: 75, marks: 1 },
          { min: 0, marks: 0 },
        ],
      },
      {
        key: "exam",
        name: "End-semester exam",
        part: "external",
        source: "assessments",
        aggregation: "sum",
        best: null,
        dropLowest: 0,
        dropHighest: 0,
        max: 55,
      },
    ],
    rounding: { at: "component", method: "half-up", places: 1 },
    pass: { internalMin: 18, externalMin: 22, totalMin: 40 },
  };
  await db.transaction(async (tx) => {
    await tx.insert(courseSchemes).values({ courseId, version: 1, effectiveFrom: startsOn, scheme, presetId: null, createdBy: null });
    for (const key of ["quizzes", "tests", "exam"]) {
      const ids = rows.filter((_, i) => keyOf(i) === key).map((r) => r.id);
      if (ids.length) await tx.update(assessments).set({ componentKey: key }).where(inArray(assessments.id, ids));
    }
  });
}
