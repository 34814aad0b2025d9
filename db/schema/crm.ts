import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { INTERACTION_KINDS, LEAD_STATUSES, TASK_STATUSES } from "@/lib/constants";
import { id, timestamp, timestamps } from "./columns";
import { users } from "./users";
import { candidates } from "./candidates";
import { programs } from "./academics";

export const institutions = sqliteTable(
  "institutions",
  {
    id: id(),
    name: text("name").notNull(),
    city: text("city"),
    state: text("state"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("institutions_name_idx").on(t.name), index("institutions_created_idx").on(t.createdAt)],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: id(),
    fullName: text("full_name").notNull(),
    role: text("role"),
    email: text("email"),
    phone: text("phone"),
    institutionId: integer("institution_id").references(() => institutions.id, { onDelete: "restrict" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("contacts_name_idx").on(t.fullName), index("contacts_institution_idx").on(t.institutionId)],
);

export const leads = sqliteTable(
  "leads",
  {
    id: id(),
    studentName: text("student_name").notNull(),
    email: text("email").notNull(),
    phone: text("phone").notNull(),
    programOfInterest: text("program_of_interest").notNull(),
    programId: integer("program_id").references(() => programs.id, { onDelete: "set null" }),
    source: text("source").notNull(),
    institutionId: integer("institution_id").references(() => institutions.id, { onDelete: "restrict" }),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "restrict" }),
    status: text("status", { enum: LEAD_STATUSES }).notNull().default("New"),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "set null" }),
    followUpOn: text("follow_up_on"),
    nextStep: text("next_step"),
    notes: text("notes"),
    statusChangedAt: timestamp("status_changed_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    index("leads_status_idx").on(t.status, t.statusChangedAt),
    index("leads_owner_idx").on(t.ownerId, t.status),
    index("leads_follow_up_idx").on(t.followUpOn),
    index("leads_email_idx").on(sql`lower(${t.email})`),
    index("leads_phone_idx").on(t.phone),
    index("leads_institution_idx").on(t.institutionId),
    index("leads_contact_idx").on(t.contactId),
    index("leads_created_idx").on(t.createdAt),
  ],
);

export const interactions = sqliteTable(
  "interactions",
  {
    id: id(),
    kind: text("kind", { enum: INTERACTION_KINDS }).notNull(),
    body: text("body").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    leadId: integer("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "cascade" }),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    occurredAt: timestamp("occurred_at")
      .notNull()
      .$defaultFn(() => new Date()),
    ...timestamps(),
  },
  (t) => [
    index("interactions_lead_idx").on(t.leadId, t.occurredAt),
    index("interactions_candidate_idx").on(t.candidateId, t.occurredAt),
    index("interactions_contact_idx").on(t.contactId, t.occurredAt),
    index("interactions_user_idx").on(t.userId, t.occurredAt),
    // Attached to exactly one of lead, candidate, contact.
    check("interactions_one_subject", sql`(${t.leadId} is not null) + (${t.candidateId} is not null) + (${t.contactId} is not null) = 1`),
  ],
);

export const tasks = sqliteTable(
  "tasks",
  {
    id: id(),
    title: text("title").notNull(),
    description: text("description"),
    dueAt: timestamp("due_at"),
    ownerId: integer("owner_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("open"),
    leadId: integer("lead_id").references(() => leads.id, { onDelete: "set null" }),
    candidateId: integer("candidate_id").references(() => candidates.id, { onDelete: "set null" }),
    alertId: integer("alert_id"),
    completedAt: timestamp("completed_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [
    index("tasks_owner_idx").on(t.ownerId, t.status, t.dueAt),
    index("tasks_status_due_idx").on(t.status, t.dueAt),
    index("tasks_lead_idx").on(t.leadId),
    index("tasks_candidate_idx").on(t.candidateId),
  ],
);

// Each user's own "new" counts (ClientSync's seen_followups / seen_tasks). A follow-up is
// seen for a given date: moving the follow-up makes it new again.
export const seenFollowups = sqliteTable(
  "seen_followups",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    leadId: integer("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    followUpOn: text("follow_up_on"),
    seenAt: timestamp("seen_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("seen_followups_user_lead_unique").on(t.userId, t.leadId)],
);

export const seenTasks = sqliteTable(
  "seen_tasks",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    taskId: integer("task_id")
      .notNull()
      .references(() => tasks.id, { onDelete: "cascade" }),
    seenAt: timestamp("seen_at")
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("seen_tasks_user_task_unique").on(t.userId, t.taskId)],
);
