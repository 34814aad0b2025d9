import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { EMAIL_STATUSES, EMAIL_TEMPLATES } from "@/lib/constants";
import { id, timestamp, timestamps } from "./columns";
import { users, userTokens } from "./users";
import { candidates, guardians } from "./candidates";
import { leads } from "./crm";

// Written first (queued), sent after: a provider failure never loses a message.
export const emailMessages = sqliteTable(
  "email_messages",
  {
    id: id(),
    to: text("to").notNull(),
    template: text("template", { enum: EMAIL_TEMPLATES }).notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    leadId: integer("lead_id").references(() => leads.id, { onDelete: "set null" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("queued"),
    transport: text("transport", { enum: ["resend", "outbox"] }).notNull(),
    providerId: text("provider_id"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    sentAt: timestamp("sent_at"),
    runId: integer("run_id").references(() => reportRuns.id, { onDelete: "set null" }),
    // A bulk run's (run, recipient) key: the same report is never queued twice.
    dedupeKey: text("dedupe_key"),
    // The personal link the logged body's placeholder stands for. The token itself is minted at
    // delivery and only its hash is kept (PRODUCT.md §6): the log never holds a usable link.
    accessLinkId: integer("access_link_id").references((): AnySQLiteColumn => accessLinks.id, { onDelete: "set null" }),
    userTokenId: integer("user_token_id").references(() => userTokens.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("email_dedupe_unique").on(t.dedupeKey),
    index("email_status_idx").on(t.status, t.nextAttemptAt),
    index("email_candidate_idx").on(t.candidateId, t.createdAt),
    index("email_lead_idx").on(t.leadId, t.createdAt),
    index("email_created_idx").on(t.createdAt),
    // A report run's progress and resume read its messages by run.
    index("email_run_idx").on(t.runId),
  ],
);

export const accessLinks = sqliteTable(
  "access_links",
  {
    id: id(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    guardianId: integer("guardian_id").references(() => guardians.id, { onDelete: "set null" }),
    recipient: text("recipient"),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id, { onDelete: "set null" }),
    // Read receipts: opened by the recipient's own GET of the result page (not a prefetch, a
    // HEAD or a signed-in staff member), counted in the one UPDATE that resolves the link.
    firstOpenedAt: timestamp("first_opened_at"),
    lastUsedAt: timestamp("last_used_at"),
    uses: integer("uses").notNull().default(0),
    // A resend to someone who had not opened it claims the link here first, so a second click
    // within the window sends nothing twice.
    resentAt: timestamp("resent_at"),
    resends: integer("resends").notNull().default(0),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("access_links_hash_unique").on(t.tokenHash), index("access_links_candidate_idx").on(t.candidateId)],
);

export const reportRuns = sqliteTable(
  "report_runs",
  {
    id: id(),
    scope: text("scope", { enum: ["candidate", "course", "program_term", "term"] }).notNull(),
    candidateId: integer("candidate_id"),
    courseId: integer("course_id"),
    programId: integer("program_id"),
    termId: integer("term_id"),
    status: text("status", { enum: ["running", "done", "failed"] })
      .notNull()
      .default("running"),
    total: integer("total").notNull().default(0),
    queued: integer("queued").notNull().default(0),
    // Jobs name their run ("end-of-term:2026-T1") so a second run of the same period is a no-op.
    periodKey: text("period_key"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    finishedAt: timestamp("finished_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("report_runs_period_unique").on(t.periodKey), index("report_runs_created_idx").on(t.createdAt)],
);

// Scheduled jobs record the period they ran for, so running twice a day does nothing twice.
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: id(),
    name: text("name").notNull(),
    periodKey: text("period_key").notNull(),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("job_runs_name_period_unique").on(t.name, t.periodKey)],
);
