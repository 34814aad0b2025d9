import { index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CONDONATION_STATUSES } from "@/lib/constants";
import { timestamp, id, timestamps } from "./columns";
import { users } from "./users";
import { courses, terms } from "./academics";
import { candidates } from "./candidates";

// A request to condone a candidate's attendance shortfall in one course (issue 14): made by
// staff with the rate as it stood, decided once by an admin. Never deleted: the record of
// who asked, why, and who decided stays with the candidate.
export const condonations = sqliteTable(
  "condonations",
  {
    id: id(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    termId: integer("term_id")
      .notNull()
      .references(() => terms.id, { onDelete: "restrict" }),
    /** The attendance rate as shown (one decimal, in %) when the request was made. */
    rateAtRequest: real("rate_at_request").notNull(),
    reason: text("reason").notNull(),
    /** e.g. "Medical certificate no. 1234, City Hospital". */
    documentNote: text("document_note"),
    status: text("status", { enum: CONDONATION_STATUSES }).notNull().default("requested"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at")
      .notNull()
      .$defaultFn(() => new Date()),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at"),
    decisionNote: text("decision_note"),
    ...timestamps(),
  },
  (t) => [
    index("condonations_candidate_idx").on(t.candidateId, t.status),
    index("condonations_course_idx").on(t.courseId, t.candidateId),
    index("condonations_status_idx").on(t.status, t.requestedAt),
  ],
);
