import { SYSTEM, type Actor } from "@/lib/actor";
import { createCourse } from "@/db/queries/courses";
import { createProgram } from "@/db/queries/programs";
import { createTerm } from "@/db/queries/terms";
import { createCandidate, enrol } from "@/db/queries/candidates";
import { createAssessment } from "@/db/queries/assessments";
import { db } from "@/db/client";
import type { AttendanceStatus } from "@/lib/constants";
import { applyAttendanceBulk, createSessionsBulk } from "@/db/queries/attendance";
import { makeUser } from "./factories";

let n = 0;

/** A program, a term, a course taught by a new faculty member, and enrolled candidates. */
export async function makeCourse(opts: { candidates?: number; teacher?: Actor & { sessionVersion?: number } } = {}) {
  n += 1;
  const teacher = opts.teacher ?? (await makeUser("faculty"));
  const program = await createProgram(SYSTEM, { code: `P${n}-${Math.random().toString(36).slice(2, 6)}`, name: `Program ${n}` });
  const term = await createTerm(SYSTEM, { name: `Term ${n}-${Math.random().toString(36).slice(2, 6)}`, startsOn: "2026-01-05", endsOn: "2026-05-30" });
  const course = await createCourse(SYSTEM, {
    code: `C${n}`,
    name: `Course ${n}`,
    programId: program.id,
    termId: term.id,
    credits: 4,
    teacherIds: [teacher.id],
  });
  const people = [];
  for (let i = 0; i < (opts.candidates ?? 2); i++) {
    people.push(
      await createCandidate(SYSTEM, {
        fullName: `Candidate ${n}.${i}`,
        status: "active",
        consentToEmail: false,
        programId: program.id,
        advisorId: teacher.id,
        guardians: [{ fullName: `Guardian ${n}.${i}`, email: `guardian${n}.${i}@home.test`, preferredContact: "email", receivesReports: true }],
      }),
    );
  }
  await enrol(
    SYSTEM,
    people.map((p) => p.id),
    course.id,
  );
  return { teacher, program, term, course, candidates: people };
}

/** The worked example of PRODUCT.md §3. */
export async function addWorkedExample(courseId: number) {
  const quiz = await createAssessment(SYSTEM, courseId, { name: "Quiz", kind: "quiz", maxScore: 20, weight: 10, published: true, dueOn: "2026-02-01" });
  const midterm = await createAssessment(SYSTEM, courseId, { name: "Midterm", kind: "exam", maxScore: 50, weight: 30, published: true, dueOn: "2026-03-01" });
  const project = await createAssessment(SYSTEM, courseId, {
    name: "Project",
    kind: "project",
    maxScore: 100,
    weight: 20,
    published: true,
    dueOn: "2026-04-01",
  });
  return { quiz, midterm, project };
}

/** Ten sessions (2–11 February 2026); each candidate's statuses in order (the rest present). */
export async function takeAttendance(courseId: number, teacher: Actor, registers: Record<number, AttendanceStatus[]>) {
  const sessions = await createSessionsBulk(
    db,
    teacher,
    courseId,
    Array.from({ length: 10 }, (_, i) => ({ heldOn: `2026-02-${String(i + 2).padStart(2, "0")}` })),
  );
  await db.transaction((tx) =>
    applyAttendanceBulk(
      tx,
      teacher,
      Object.entries(registers).flatMap(([candidateId, statuses]) =>
        sessions.map((s, i) => ({ sessionId: s.id, candidateId: Number(candidateId), status: statuses[i] ?? ("present" as const) })),
      ),
    ),
  );
}

export const absent = (n: number): AttendanceStatus[] => [...Array(10 - n).fill("present"), ...Array(n).fill("absent")];
