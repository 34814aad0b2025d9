import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CANDIDATE_STATUSES, CONTACT_METHODS } from "@/lib/constants";
import { bool, id, timestamp, timestamps } from "./columns";
import { users } from "./users";
import { programs } from "./academics";
import { institutions, leads } from "./crm";

export const candidates = sqliteTable(
  "candidates",
  {
    id: id(),
    candidateNumber: text("candidate_number").notNull(),
    fullName: text("full_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    dateOfBirth: text("date_of_birth"),
    programId: integer("program_id").references(() => programs.id, { onDelete: "set null" }),
    institutionId: integer("institution_id").references(() => institutions.id, { onDelete: "restrict" }),
    advisorId: integer("advisor_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status", { enum: CANDIDATE_STATUSES }).notNull().default("active"),
    enrolledOn: text("enrolled_on"),
    notes: text("notes"),
    consentToEmail: bool("consent_to_email").notNull().default(false),
    // The enquiry this candidate came from, when converted from a lead.
    leadId: integer("lead_id").references(() => leads.id, { onDelete: "set null" }),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    // Set when the candidate's personal data was erased (anonymised); figures are kept.
    erasedAt: timestamp("erased_at"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("candidates_number_unique").on(t.candidateNumber),
    uniqueIndex("candidates_lead_unique").on(t.leadId),
    index("candidates_name_idx").on(t.fullName),
    index("candidates_program_idx").on(t.programId, t.status),
    index("candidates_advisor_idx").on(t.advisorId, t.status),
    index("candidates_status_idx").on(t.status),
    index("candidates_institution_idx").on(t.institutionId),
    index("candidates_created_idx").on(t.createdAt),
  ],
);

export const guardians = sqliteTable(
  "guardians",
  {
    id: id(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    fullName: text("full_name").notNull(),
    relationship: text("relationship"),
    email: text("email"),
    phone: text("phone"),
    preferredContact: text("preferred_contact", { enum: CONTACT_METHODS }).notNull().default("email"),
    receivesReports: bool("receives_reports").notNull().default(true),
    ...timestamps(),
  },
  (t) => [index("guardians_candidate_idx").on(t.candidateId)],
);
