import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ASSESSMENT_KINDS, ATTENDANCE_STATUSES, MARK_STATUSES, OUTCOMES } from "@/lib/constants";
import type { Scheme } from "@/lib/results/scheme";
import { bool, id, timestamp, timestamps } from "./columns";
import { users } from "./users";
import { courses } from "./academics";
import { candidates } from "./candidates";
import { imports } from "./imports";

export const assessments = sqliteTable(
  "assessments",
  {
    id: id(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind", { enum: ASSESSMENT_KINDS }).notNull(),
    maxScore: real("max_score").notNull(),
    weight: real("weight").notNull(),
    dueOn: text("due_on"),
    published: bool("published").notNull().default(true),
    // Released to parents: the result page and emails compute from released marks only.
    released: bool("released").notNull().default(true),
    // Which component of the course's scheme it counts in (null: the first assessments component).
    componentKey: text("component_key"),
    // Never dropped by a component's drop-lowest/highest or best-of-N.
    neverDrop: bool("never_drop").notNull().default(false),
    // An assessment with marks is archived, never deleted: its marks are kept.
    archived: bool("archived").notNull().default(false),
    position: integer("position").notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex("assessments_course_name_unique").on(t.courseId, t.name), index("assessments_course_idx").on(t.courseId, t.position)],
);

export const marks = sqliteTable(
  "marks",
  {
    id: id(),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id, { onDelete: "restrict" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    // Null with status "graded" means not entered yet.
    score: real("score"),
    status: text("status", { enum: MARK_STATUSES }).notNull().default("graded"),
    feedback: text("feedback"),
    // Optimistic concurrency: a save names the version it was based on.
    version: integer("version").notNull().default(1),
    enteredBy: integer("entered_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("marks_assessment_candidate_unique").on(t.assessmentId, t.candidateId), index("marks_candidate_idx").on(t.candidateId, t.assessmentId)],
);

// Nothing about a mark is ever lost: every change keeps both sides.
export const markChanges = sqliteTable(
  "mark_changes",
  {
    id: id(),
    markId: integer("mark_id")
      .notNull()
      .references(() => marks.id, { onDelete: "cascade" }),
    assessmentId: integer("assessment_id").notNull(),
    candidateId: integer("candidate_id").notNull(),
    oldScore: real("old_score"),
    oldStatus: text("old_status", { enum: MARK_STATUSES }),
    oldFeedback: text("old_feedback"),
    newScore: real("new_score"),
    newStatus: text("new_status", { enum: MARK_STATUSES }),
    newFeedback: text("new_feedback"),
    reason: text("reason"),
    importId: integer("import_id").references(() => imports.id, { onDelete: "set null" }),
    changedBy: integer("changed_by").references(() => users.id, { onDelete: "set null" }),
    changedAt: timestamp("changed_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("mark_changes_mark_idx").on(t.markId, t.changedAt), index("mark_changes_candidate_idx").on(t.candidateId, t.changedAt)],
);

export const attendanceSessions = sqliteTable(
  "attendance_sessions",
  {
    id: id(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    heldOn: text("held_on").notNull(),
    topic: text("topic"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("attendance_sessions_course_idx").on(t.courseId, t.heldOn)],
);

export const attendance = sqliteTable(
  "attendance",
  {
    id: id(),
    sessionId: integer("session_id")
      .notNull()
      .references(() => attendanceSessions.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull().default("present"),
    note: text("note"),
    recordedBy: integer("recorded_by").references(() => users.id, { onDelete: "set null" }),
    // Optimistic concurrency, as for marks: a register save names the version it was based on.
    version: integer("version").notNull().default(1),
    ...timestamps(),
  },
  (t) => [uniqueIndex("attendance_session_candidate_unique").on(t.sessionId, t.candidateId), index("attendance_candidate_idx").on(t.candidateId, t.sessionId)],
);

// Each candidate's result per course, recomputed by lib/results whenever a mark or an
// attendance record changes (in the same transaction), so lists, filters and dashboards
// read one row instead of recomputing from every mark.
export const courseResults = sqliteTable(
  "course_results",
  {
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    percent: real("percent"),
    shown: real("shown"),
    grade: text("grade"),
    countedWeight: real("counted_weight").notNull().default(0),
    attendanceRate: real("attendance_rate"),
    attendanceShown: real("attendance_shown"),
    missingCount: integer("missing_count").notNull().default(0),
    // Under the course's scheme: the reported total (of presentMax), the parts, the outcome.
    total: real("total"),
    presentMax: real("present_max"),
    internal: real("internal"),
    external: real("external"),
    outcome: text("outcome", { enum: OUTCOMES }),
    // The scheme version it was computed with (null: the default scheme).
    schemeVersion: integer("scheme_version"),
    updatedAt: timestamp("updated_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.candidateId, t.courseId] }), index("course_results_course_idx").on(t.courseId, t.shown)],
);

// A course's assessment scheme, versioned: a course uses the newest version whose effective
// date has come; older versions stay for the record. No row: the default scheme (weighted mean).
export const courseSchemes = sqliteTable(
  "course_schemes",
  {
    id: id(),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    effectiveFrom: text("effective_from").notNull(),
    scheme: text("scheme", { mode: "json" }).$type<Scheme>().notNull(),
    presetId: text("preset_id"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("course_schemes_course_version_unique").on(t.courseId, t.version)],
);
