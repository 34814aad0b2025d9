import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ENROLMENT_STATUSES, GRADE_CARD_VARIANTS } from "@/lib/constants";
import { bool, id, timestamp, timestamps } from "./columns";
import { users } from "./users";
import { gradingScales, percentConversions } from "./settings";
import { ROUNDING_METHODS } from "@/lib/results/round";
import { candidates } from "./candidates";

export const programs = sqliteTable(
  "programs",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    durationMonths: integer("duration_months"),
    gradingScaleId: integer("grading_scale_id").references(() => gradingScales.id, { onDelete: "set null" }),
    // The GPA policy (issue 14): SGPA/CGPA places and rounding, the percentage conversion the
    // grade card prints (null: the CGPA × 10 preset), and which grade card it prints.
    gpaPlaces: integer("gpa_places").notNull().default(2),
    gpaRounding: text("gpa_rounding", { enum: ROUNDING_METHODS }).notNull().default("half-up"),
    percentConversionId: integer("percent_conversion_id").references(() => percentConversions.id, { onDelete: "set null" }),
    gradeCard: text("grade_card", { enum: GRADE_CARD_VARIANTS }).notNull().default("college"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("programs_code_unique").on(t.code)],
);

export const terms = sqliteTable(
  "terms",
  {
    id: id(),
    name: text("name").notNull(),
    startsOn: text("starts_on").notNull(),
    endsOn: text("ends_on").notNull(),
    // A locked term's marks are final; only an admin's recorded unlock opens them again.
    locked: bool("locked").notNull().default(false),
    lockedAt: timestamp("locked_at"),
    lockedBy: integer("locked_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("terms_name_unique").on(t.name), index("terms_starts_idx").on(t.startsOn)],
);

export const courses = sqliteTable(
  "courses",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "restrict" }),
    termId: integer("term_id")
      .notNull()
      .references(() => terms.id, { onDelete: "restrict" }),
    credits: real("credits").notNull().default(3),
    // The attendance a candidate needs to sit this course's exam (issue 14), when it differs
    // from the program's minimum (null: the program's). The condonation band keeps the
    // program's depth below it (program 75 %, condonable from 65 %: a course at 80 % is
    // condonable from 70 %).
    minAttendance: real("min_attendance"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("courses_code_term_unique").on(t.code, t.termId), index("courses_program_idx").on(t.programId), index("courses_term_idx").on(t.termId)],
);

export const courseTeachers = sqliteTable(
  "course_teachers",
  {
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] }), index("course_teachers_user_idx").on(t.userId, t.courseId)],
);

export const enrolments = sqliteTable(
  "enrolments",
  {
    id: id(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    status: text("status", { enum: ENROLMENT_STATUSES }).notNull().default("active"),
    enrolledOn: text("enrolled_on"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("enrolments_candidate_course_unique").on(t.candidateId, t.courseId),
    index("enrolments_course_idx").on(t.courseId, t.status, t.candidateId),
  ],
);
