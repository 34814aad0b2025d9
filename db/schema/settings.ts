import { sql } from "drizzle-orm";
import { integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { bool, id, timestamps } from "./columns";
import { programs } from "./academics";
import { DAY_RULES } from "@/lib/constants";

// One row (id = 1): the institution's own name, branding and preferences.
export const institutionSettings = sqliteTable("institution_settings", {
  id: integer("id").primaryKey(),
  name: text("name").notNull().default("Markbook Institute"),
  shortName: text("short_name").notNull().default("Markbook"),
  dateFormat: text("date_format").notNull().default("dd-MM-yyyy"),
  brandColor: text("brand_color").notNull().default("#4f46e5"),
  replyTo: text("reply_to"),
  // What raising an alert does (issue: alerts).
  alertTaskForAdvisor: bool("alert_task_for_advisor").notNull().default(true),
  alertTaskForCounsellorOnAttendance: bool("alert_task_for_counsellor_on_attendance").notNull().default(true),
  alertCounsellorId: integer("alert_counsellor_id"),
  resultLinkDays: integer("result_link_days").notNull().default(30),
  ...timestamps(),
});

export const gradingScales = sqliteTable("grading_scales", {
  id: id(),
  name: text("name").notNull(),
  isDefault: bool("is_default").notNull().default(false),
  ...timestamps(),
});

export const gradeBands = sqliteTable(
  "grade_bands",
  {
    id: id(),
    scaleId: integer("scale_id")
      .notNull()
      .references(() => gradingScales.id, { onDelete: "cascade" }),
    minPercent: real("min_percent").notNull(),
    letter: text("letter").notNull(),
    gradePoints: real("grade_points"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("grade_bands_scale_letter").on(t.scaleId, t.letter), uniqueIndex("grade_bands_scale_min").on(t.scaleId, t.minPercent)],
);

// Named CGPA → percentage conversions a program prints (issue 14). The four presets of
// lib/results/gpa.ts PERCENT_CONVERSIONS keep their ids as `key`; admins edit and add more.
// `formula` is the text printed on the grade card; it always computes factor × CGPA + offset.
export const percentConversions = sqliteTable(
  "percent_conversions",
  {
    id: id(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    formula: text("formula").notNull(),
    factor: real("factor").notNull(),
    offset: real("offset").notNull().default(0),
    ...timestamps(),
  },
  (t) => [uniqueIndex("percent_conversions_key_unique").on(t.key)],
);

// Null program = the institution's defaults; a row per program where it differs.
export const thresholds = sqliteTable(
  "thresholds",
  {
    id: id(),
    programId: integer("program_id").references(() => programs.id, { onDelete: "cascade" }),
    passMark: real("pass_mark").notNull().default(40),
    atRiskMark: real("at_risk_mark").notNull().default(50),
    minAttendance: real("min_attendance").notNull().default(75),
    suddenDropPoints: real("sudden_drop_points").notNull().default(15),
    missingCount: integer("missing_count").notNull().default(2),
    // Attendance eligibility (issue 14): below minAttendance a candidate needs a condonation,
    // which can be granted from condonableFrom up, at most maxCondonations times (all terms).
    condonableFrom: real("condonable_from").notNull().default(65),
    maxCondonations: integer("max_condonations").notNull().default(2),
    // How on-duty and medical days count in the attendance rate.
    onDutyCounts: text("on_duty_counts", { enum: DAY_RULES }).notNull().default("present"),
    medicalCounts: text("medical_counts", { enum: DAY_RULES }).notNull().default("excluded"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("thresholds_program_unique").on(t.programId),
    // SQLite treats nulls as distinct, so the single institution-wide row needs its own index.
    uniqueIndex("thresholds_default_unique")
      .on(sql`(${t.programId} is null)`)
      .where(sql`${t.programId} is null`),
  ],
);
