import "server-only";
import { count } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { createUserWithPassword } from "@/db/queries/users";
import { createCourse } from "@/db/queries/courses";
import { createProgram } from "@/db/queries/programs";
import { createTerm, setTermLocked } from "@/db/queries/terms";
import { createScaleFromPreset, getDefaultScale } from "@/db/queries/grading-scales";
import { createCandidate, enrol, type GuardianInput } from "@/db/queries/candidates";
import { createAssessment } from "@/db/queries/assessments";
import { saveCourseScheme } from "@/db/queries/schemes";
import type { Scheme } from "@/lib/results/scheme";
import { applyMarksBulk, type BulkMark } from "@/db/queries/marks";
import { applyAttendanceBulk, createSession, type BulkAttendance } from "@/db/queries/attendance";
import { updateSettings } from "@/db/queries/settings";
import type { AssessmentKind, MarkStatus, Role } from "@/lib/constants";
import { createInstitution } from "@/db/queries/institutions";
import { createContact } from "@/db/queries/contacts";
import { createLead } from "@/db/queries/leads";
import { createInteraction } from "@/db/queries/interactions";
import { createTask } from "@/db/queries/tasks";
import { CITIES, FIRST_NAMES, LAST_NAMES, rng } from "./random";

export const DEMO_PASSWORD = "markbook-demo";

export const DEMO_SIGN_INS: { email: string; role: Role; fullName: string }[] = [
  { email: "admin@markbook.test", role: "admin", fullName: "Asha Menon" },
  { email: "faculty@markbook.test", role: "faculty", fullName: "Rahul Verma" },
  { email: "counsellor@markbook.test", role: "counsellor", fullName: "Priya Nair" },
];

const MORE_STAFF: { email: string; role: Role; fullName: string }[] = [
  { email: "meera.iyer@markbook.test", role: "faculty", fullName: "Meera Iyer" },
  { email: "joseph.dsouza@markbook.test", role: "faculty", fullName: "Joseph D'Souza" },
  { email: "farhan.qureshi@markbook.test", role: "faculty", fullName: "Farhan Qureshi" },
  { email: "kavya.reddy@markbook.test", role: "faculty", fullName: "Kavya Reddy" },
  { email: "tenzin.lhamo@markbook.test", role: "counsellor", fullName: "Tenzin Lhamo" },
];

const PROGRAMS = [
  {
    code: "BSC-CS",
    name: "B.Sc Computer Science",
    courses: [
      ["CS101", "Programming Fundamentals"],
      ["CS102", "Discrete Mathematics"],
      ["CS103", "Digital Logic"],
      ["CS104", "Communication Skills"],
      ["CS201", "Data Structures"],
      ["CS202", "Databases"],
      ["CS203", "Operating Systems"],
      ["CS204", "Probability & Statistics"],
    ],
  },
  {
    code: "BCOM",
    name: "B.Com",
    // The university's CBCS programs grade on the UGC 10-point scale (grade points on every card);
    // B.Sc Computer Science keeps the Standard scale, on which PRODUCT.md's worked example is a B.
    scale: "ugc-10",
    courses: [
      ["COM101", "Financial Accounting"],
      ["COM102", "Business Economics"],
      ["COM103", "Business Law"],
      ["COM104", "Business Communication"],
      ["COM201", "Cost Accounting"],
      ["COM202", "Corporate Finance"],
      ["COM203", "Income Tax"],
      ["COM204", "Auditing"],
    ],
  },
  {
    code: "BBA",
    name: "Bachelor of Business Administration",
    courses: [
      ["BBA101", "Principles of Management"],
      ["BBA102", "Microeconomics"],
      ["BBA103", "Business Mathematics"],
      ["BBA104", "Organisational Behaviour"],
      ["BBA201", "Marketing Management"],
      ["BBA202", "Human Resources"],
      ["BBA203", "Financial Management"],
      ["BBA204", "Business Analytics"],
    ],
  },
  {
    code: "BSC-PHY",
    name: "B.Sc Physics",
    scale: "ugc-10",
    courses: [
      ["PHY101", "Mechanics"],
      ["PHY102", "Calculus I"],
      ["PHY103", "Electricity & Magnetism"],
      ["PHY104", "Physics Lab I"],
      ["PHY201", "Waves & Optics"],
      ["PHY202", "Calculus II"],
      ["PHY203", "Thermodynamics"],
      ["PHY204", "Physics Lab II"],
    ],
  },
] as const;

const ASSESSMENTS: { name: string; kind: AssessmentKind; maxScore: number; weight: number; at: number }[] = [
  { name: "Quiz 1", kind: "quiz", maxScore: 20, weight: 10, at: 0.15 },
  { name: "Assignment 1", kind: "assignment", maxScore: 50, weight: 15, at: 0.3 },
  { name: "Midterm", kind: "test", maxScore: 100, weight: 25, at: 0.5 },
  { name: "Quiz 2", kind: "quiz", maxScore: 20, weight: 10, at: 0.65 },
  { name: "Project", kind: "project", maxScore: 100, weight: 15, at: 0.8 },
  { name: "Final exam", kind: "exam", maxScore: 100, weight: 25, at: 0.98 },
];

/**
 * The internal/external split Indian colleges use (the second course of each program this
 * semester runs it): internal 40 = the best two of the three tests (mean, to 20), the
 * assignment and project (summed, to 15) and attendance by band (to 5); external 60 = the
 * final exam; minimums 16 internal, 24 external, 40 in all; each component rounded to a whole mark.
 */
export const DEMO_SCHEME: Scheme = {
  components: [
    { key: "tests", name: "Internal tests", part: "internal", source: "assessments", aggregation: "mean", best: 2, dropLowest: 0, dropHighest: 0, max: 20 },
    {
      key: "work",
      name: "Assignment & project",
      part: "internal",
      source: "assessments",
      aggregation: "sum",
      best: null,
      dropLowest: 0,
      dropHighest: 0,
      max: 15,
    },
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
        { min: 85, marks: 4 },
        { min: 80, marks: 3 },
        { min: 75, marks: 2 },
        { min: 0, marks: 0 },
      ],
    },
    { key: "exam", name: "End-semester exam", part: "external", source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0, max: 60 },
  ],
  rounding: { at: "component", method: "half-up", places: 0 },
  pass: { internalMin: 16, externalMin: 24, totalMin: 40 },
};
const DEMO_SCHEME_OF: Record<string, string> = {
  "Quiz 1": "tests",
  "Quiz 2": "tests",
  Midterm: "tests",
  "Assignment 1": "work",
  Project: "work",
  "Final exam": "exam",
};

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function isEmpty(): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return row.n === 0;
}

/**
 * A realistic, deterministic demo institution, written through the queries layer so the
 * demo exercises the same rules as the app. Only runs on an empty database.
 */
let log: (msg: string) => void = () => {};

export async function seedDemo(logger: (msg: string) => void = () => {}, opts: { candidates?: number } = {}): Promise<void> {
  log = logger;
  const r = rng(20260901);
  const total = opts.candidates ?? 300;

  await updateSettings(SYSTEM, { name: "Greenfield College of Science & Commerce", shortName: "Greenfield", replyTo: "office@greenfield.test" });
  const staff = new Map<string, Actor>();
  for (const s of [...DEMO_SIGN_INS, ...MORE_STAFF]) {
    const u = await createUserWithPassword(SYSTEM, { ...s, password: DEMO_PASSWORD });
    staff.set(s.email, { id: u.id, role: u.role, fullName: u.fullName, email: u.email });
  }
  const admin = staff.get("admin@markbook.test")!;
  const faculty = [...staff.values()].filter((s) => s.role === "faculty");
  const demoFaculty = staff.get("faculty@markbook.test")!;
  log(`staff: ${staff.size} (3 demo sign-ins)`);

  await getDefaultScale();
  const ugcScale = await createScaleFromPreset(admin, { preset: "ugc-10", name: "UGC 10-point" });
  // Two semesters: the last one finished and locked, the current one about two-thirds through.
  const now = Date.now();
  const currentStart = new Date(now - 16 * 7 * DAY);
  const currentEnd = new Date(now + 5 * 7 * DAY);
  const pastStart = new Date(currentStart.getTime() - 26 * 7 * DAY);
  const pastEnd = new Date(currentStart.getTime() - 5 * 7 * DAY);
  const year = currentStart.getFullYear();
  const past = await createTerm(admin, { name: `Semester 1, ${year}`, startsOn: iso(pastStart), endsOn: iso(pastEnd) });
  const current = await createTerm(admin, { name: `Semester 2, ${year}`, startsOn: iso(currentStart), endsOn: iso(currentEnd) });
  const termsInfo = [
    { term: past, start: pastStart, end: pastEnd },
    { term: current, start: currentStart, end: currentEnd },
  ];

  let cand = 0;
  let courseCount = 0;
  let markCount = 0;
  let attendanceCount = 0;
  for (const [pi, p] of PROGRAMS.entries()) {
    const program = await createProgram(admin, {
      code: p.code,
      name: p.name,
      durationMonths: 36,
      gradingScaleId: "scale" in p && p.scale === "ugc-10" ? ugcScale : null,
    });
    // Candidates of this program, with a steady "ability" that shapes their marks.
    const people: { id: number; ability: number; attendance: number }[] = [];
    const perProgram = Math.round(total / PROGRAMS.length);
    for (let i = 0; i < perProgram; i++) {
      cand += 1;
      const first = r.pick(FIRST_NAMES);
      const last = r.pick(LAST_NAMES);
      const struggling = r.chance(0.1);
      const ability = struggling ? r.normal(40, 6) : Math.min(97, Math.max(45, r.normal(71, 11)));
      const advisor = cand % 4 === 0 ? demoFaculty : faculty[cand % faculty.length];
      const parentFirst = r.pick(FIRST_NAMES);
      const guardians: GuardianInput[] = [
        {
          fullName: `${parentFirst} ${last}`,
          relationship: r.chance(0.5) ? "Mother" : "Father",
          email: `${parentFirst.toLowerCase()}.${last.toLowerCase().replace(/\W/g, "")}${cand}@family.test`,
          phone: `+91 9${String(r.int(100000000, 999999999))}`,
          preferredContact: "email",
          receivesReports: true,
        },
      ];
      if (r.chance(0.35))
        guardians.push({
          fullName: `${r.pick(FIRST_NAMES)} ${last}`,
          relationship: "Guardian",
          email: `guardian${cand}@family.test`,
          phone: `+91 8${String(r.int(100000000, 999999999))}`,
          preferredContact: "phone",
          receivesReports: r.chance(0.5),
        });
      const c = await createCandidate(admin, {
        candidateNumber: `GF-${year}-${String(cand).padStart(4, "0")}`,
        fullName: `${first} ${last}`,
        email: `${first.toLowerCase()}.${last.toLowerCase().replace(/\W/g, "")}${cand}@students.test`,
        phone: `+91 7${String(r.int(100000000, 999999999))}`,
        dateOfBirth: iso(new Date(Date.UTC(year - 19 - r.int(0, 2), r.int(0, 11), r.int(1, 28)))),
        programId: program.id,
        advisorId: advisor.id,
        status: r.chance(0.03) ? "withdrawn" : "active",
        enrolledOn: iso(pastStart),
        notes: struggling && r.chance(0.5) ? "Struggled with the first assignments; meets advisor fortnightly." : null,
        consentToEmail: r.chance(0.7),
        guardians,
      });
      people.push({ id: c.id, ability, attendance: struggling ? r.normal(0.7, 0.08) : Math.min(0.99, r.normal(0.9, 0.05)) });
    }

    for (const [ti, t] of termsInfo.entries()) {
      const list = p.courses.slice(ti * 4, ti * 4 + 4);
      for (const [ci, [code, name]] of list.entries()) {
        // The demo faculty member teaches one course of every program this semester.
        const teacher = ti === 1 && ci === 0 ? demoFaculty : faculty[(pi + ci + ti) % faculty.length];
        const course = await createCourse(admin, { code, name, programId: program.id, termId: t.term.id, credits: ci === 3 ? 2 : 4, teacherIds: [teacher.id] });
        courseCount += 1;
        await enrol(
          admin,
          people.map((x) => x.id),
          course.id,
        );
        const span = t.end.getTime() - t.start.getTime();
        const marks: BulkMark[] = [];
        const created: { id: number; name: string }[] = [];
        for (const a of ASSESSMENTS) {
          const due = new Date(t.start.getTime() + a.at * span);
          const row = await createAssessment(admin, course.id, {
            name: a.name,
            kind: a.kind,
            maxScore: a.maxScore,
            weight: a.weight,
            dueOn: iso(due),
            published: due.getTime() < now + 21 * DAY,
          });
          created.push(row);
          if (due.getTime() > now) continue;
          for (const person of people) {
            const roll = r.next();
            const status: MarkStatus = roll < 0.025 ? "absent" : roll < 0.045 ? "missing" : roll < 0.06 ? "excused" : roll < 0.09 ? "late" : "graded";
            const pct = Math.min(100, Math.max(0, r.normal(person.ability, 7)));
            const score = status === "graded" || status === "late" ? Math.round((pct / 100) * a.maxScore * 2) / 2 : null;
            marks.push({
              assessmentId: row.id,
              candidateId: person.id,
              score,
              status,
              feedback:
                score !== null && pct < 45 && r.chance(0.5)
                  ? "Let's go over this together in office hours."
                  : score !== null && pct > 90 && r.chance(0.3)
                    ? "Excellent work."
                    : null,
            });
          }
        }
        if (ti === 1 && ci === 1) {
          await saveCourseScheme(admin, {
            courseId: course.id,
            scheme: DEMO_SCHEME,
            effectiveFrom: iso(t.start),
            presetId: null,
            assignments: created.map((a) => ({ assessmentId: a.id, componentKey: DEMO_SCHEME_OF[a.name], neverDrop: false })),
            basedOn: null,
          });
        }
        await db.transaction(async (tx) => {
          await applyMarksBulk(tx, admin, marks);
        });
        markCount += marks.length;

        const attendanceRows: BulkAttendance[] = [];
        for (let d = t.start.getTime() + 2 * DAY; d < Math.min(t.end.getTime(), now); d += 7 * DAY) {
          const session = await createSession(admin, course.id, {
            heldOn: iso(new Date(d)),
            topic: `Week ${Math.round((d - t.start.getTime()) / (7 * DAY)) + 1}`,
          });
          for (const person of people) {
            const x = r.next();
            const status = x < person.attendance ? (r.chance(0.08) ? "late" : "present") : r.chance(0.2) ? "excused" : "absent";
            attendanceRows.push({ sessionId: session.id, candidateId: person.id, status });
          }
        }
        await db.transaction(async (tx) => {
          await applyAttendanceBulk(tx, admin, attendanceRows);
        });
        attendanceCount += attendanceRows.length;
      }
    }
    log(`program ${p.code}: ${people.length} candidates`);
  }
  await setTermLocked(admin, past.id, true);
  log(`courses: ${courseCount}, marks: ${markCount}, attendance records: ${attendanceCount}`);
  await seedRelationships(r, staff, now);
}

const SCHOOLS = [
  "St. Xavier's Higher Secondary School",
  "Delhi Public School",
  "Kendriya Vidyalaya No. 2",
  "Bishop Cotton School",
  "National Public School",
  "Little Flower Convent",
  "Sacred Heart Junior College",
  "Modern Public School",
];
const SOURCES = ["School counsellor referral", "Website form", "Education fair", "Walk-in", "Social media", "Alumni referral"];
const CONTACT_ROLES = ["Principal", "Career counsellor", "Admissions officer", "Teacher"];
const PROGRAM_INTEREST = ["B.Sc Computer Science", "B.Com", "Bachelor of Business Administration", "B.Sc Physics", "MBA"];

/** Partner schools, their contacts, a year of enquiries with follow-ups, interactions and tasks. */
async function seedRelationships(r: ReturnType<typeof rng>, staff: Map<string, Actor>, now: number) {
  const counsellors = [...staff.values()].filter((s) => s.role === "counsellor");
  const faculty = [...staff.values()].filter((s) => s.role === "faculty");
  const demoCounsellor = staff.get("counsellor@markbook.test")!;
  const institutionIds: number[] = [];
  const contactsList: { id: number; institutionId: number }[] = [];
  for (const [i, name] of SCHOOLS.entries()) {
    const [city, state] = CITIES[i % CITIES.length];
    const inst = await createInstitution(demoCounsellor, {
      name,
      city,
      state,
      contactEmail: `office@${name.toLowerCase().replace(/[^a-z]+/g, "")}.edu.test`,
      contactPhone: `+91 80 ${r.int(2000, 9999)} ${r.int(1000, 9999)}`,
    });
    institutionIds.push(inst.id);
    for (let k = 0; k < 2 + (i % 2); k++) {
      const c = await createContact(demoCounsellor, {
        fullName: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
        role: CONTACT_ROLES[(i + k) % CONTACT_ROLES.length],
        email: `contact${i}${k}@${name.toLowerCase().replace(/[^a-z]+/g, "")}.edu.test`,
        phone: `+91 9${r.int(100000000, 999999999)}`,
        institutionId: inst.id,
      });
      contactsList.push({ id: c.id, institutionId: inst.id });
    }
  }
  let leadCount = 0;
  let taskCount = 0;
  let interactionCount = 0;
  for (let i = 0; i < 90; i++) {
    const owner = i % 3 === 0 ? (counsellors[1] ?? demoCounsellor) : demoCounsellor;
    const first = r.pick(FIRST_NAMES);
    const last = r.pick(LAST_NAMES);
    const ageDays = r.int(0, 120);
    const roll = r.next();
    const status = ageDays < 10 ? "New" : roll < 0.35 ? "New" : roll < 0.6 ? "Qualified" : roll < 0.8 ? "Converted" : "Lost";
    const viaContact = r.chance(0.4) ? r.pick(contactsList) : null;
    const followIn = r.int(-6, 14);
    const lead = await createLead(owner, {
      studentName: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase().replace(/\W/g, "")}.${i}@mail.test`,
      phone: `+91 6${r.int(100000000, 999999999)}`,
      programOfInterest: r.pick(PROGRAM_INTEREST),
      source: viaContact ? "School counsellor referral" : r.pick(SOURCES),
      contactId: viaContact?.id ?? null,
      institutionId: viaContact ? null : r.chance(0.3) ? r.pick(institutionIds) : null,
      status,
      ownerId: owner.id,
      notes: r.chance(0.4)
        ? r.pick(["Interested in scholarships.", "Parents want a campus visit first.", "Comparing with two other colleges.", "Needs hostel accommodation."])
        : null,
      followUpOn: status === "New" || status === "Qualified" ? new Date(now + followIn * DAY).toISOString().slice(0, 10) : null,
      nextStep:
        status === "New"
          ? "Call to qualify"
          : status === "Qualified"
            ? r.pick(["Send scholarship details", "Invite to campus tour", "Share fee structure"])
            : null,
    });
    leadCount += 1;
    for (let k = 0; k < r.int(0, 3); k++) {
      await createInteraction(
        owner,
        { leadId: lead.id },
        {
          kind: r.pick(["note", "call", "email", "meeting"] as const),
          body: r.pick([
            "Spoke to the student; keen on the program.",
            "Sent the brochure and fee structure.",
            "Parents asked about placements.",
            "Left a voicemail.",
            "Met at the education fair.",
          ]),
          occurredAt: new Date(now - r.int(0, ageDays) * DAY),
        },
      );
      interactionCount += 1;
    }
    if ((status === "New" || status === "Qualified") && r.chance(0.5)) {
      await createTask(owner, {
        title: `Call ${first} about ${status === "New" ? "their enquiry" : "next steps"}`,
        description: null,
        dueAt: new Date(now + r.int(-3, 10) * DAY + 16 * 3_600_000),
        ownerId: owner.id,
        status: r.chance(0.2) ? "in_progress" : "open",
        leadId: lead.id,
        candidateId: null,
      });
      taskCount += 1;
    }
  }
  for (const f of faculty) {
    await createTask(f, {
      title: "Prepare mid-semester feedback",
      description: "Summarise the midterm results for each course.",
      dueAt: new Date(now + 5 * DAY),
      ownerId: f.id,
      status: "open",
      leadId: null,
      candidateId: null,
    });
    await createTask(f, {
      title: "Office hours sign-up sheet",
      description: null,
      dueAt: new Date(now - 2 * DAY),
      ownerId: f.id,
      status: "done",
      leadId: null,
      candidateId: null,
    });
    taskCount += 2;
  }
  log(
    `relationships: ${SCHOOLS.length} institutions, ${contactsList.length} contacts, ${leadCount} leads, ${interactionCount} interactions, ${taskCount} tasks`,
  );
}
