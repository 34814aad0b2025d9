import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ALERT_RULES } from "@/lib/constants";
import { id, timestamp, timestamps } from "./columns";
import { users } from "./users";
import { candidates } from "./candidates";
import { courses } from "./academics";

export const alerts = sqliteTable(
  "alerts",
  {
    id: id(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    courseId: integer("course_id").references(() => courses.id, { onDelete: "cascade" }),
    rule: text("rule", { enum: ALERT_RULES }).notNull(),
    message: text("message").notNull(),
    figures: text("figures", { mode: "json" }).$type<Record<string, number | string | null>>(),
    raisedAt: timestamp("raised_at")
      .notNull()
      .$defaultFn(() => new Date()),
    acknowledgedBy: integer("acknowledged_by").references(() => users.id, { onDelete: "set null" }),
    acknowledgedAt: timestamp("acknowledged_at"),
    acknowledgeNote: text("acknowledge_note"),
    resolvedAt: timestamp("resolved_at"),
    ...timestamps(),
  },
  (t) => [
    // Edge-triggered: at most one open alert per candidate × course × rule.
    uniqueIndex("alerts_open_course_unique")
      .on(t.candidateId, t.courseId, t.rule)
      .where(sql`${t.resolvedAt} is null and ${t.courseId} is not null`),
    uniqueIndex("alerts_open_overall_unique")
      .on(t.candidateId, t.rule)
      .where(sql`${t.resolvedAt} is null and ${t.courseId} is null`),
    index("alerts_candidate_idx").on(t.candidateId, t.resolvedAt),
    index("alerts_course_idx").on(t.courseId, t.resolvedAt),
    index("alerts_open_idx").on(t.resolvedAt, t.rule, t.raisedAt),
  ],
);
