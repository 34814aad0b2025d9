import { blob, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamp, timestamps } from "./columns";
import { users } from "./users";
import { candidates } from "./candidates";
import { courses, programs, terms } from "./academics";

// A bulk grade-card run (issue 14): every card of a course, a program's term or a whole term,
// made a batch at a time so the screen shows progress and a crash loses at most one batch.
export const gradeCardRuns = sqliteTable(
  "grade_card_runs",
  {
    id: id(),
    scope: text("scope", { enum: ["course", "program_term", "term"] }).notNull(),
    courseId: integer("course_id").references(() => courses.id, { onDelete: "cascade" }),
    programId: integer("program_id").references(() => programs.id, { onDelete: "cascade" }),
    termId: integer("term_id")
      .notNull()
      .references(() => terms.id, { onDelete: "cascade" }),
    status: text("status", { enum: ["running", "done"] })
      .notNull()
      .default("running"),
    /** Candidates the run covers (fixed when it starts). */
    total: integer("total").notNull().default(0),
    /** Candidates dealt with so far: a card made, or none to make (no results in the term). */
    done: integer("done").notNull().default(0),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    finishedAt: timestamp("finished_at"),
    ...timestamps(),
  },
  (t) => [index("grade_card_runs_created_idx").on(t.createdAt)],
);

// The PDFs themselves, in the database rather than under data/: they are written in the same
// transaction as the run's progress (a crash cannot leave a file without its row or the other
// way round), a backup (VACUUM INTO) carries them, and erasing a candidate deletes them with
// secure_delete. About 20 KB a card. One row per (run, candidate): a resumed run never makes a
// second copy. `pdf` is null when the candidate had nothing to print in the term.
export const gradeCardFiles = sqliteTable(
  "grade_card_files",
  {
    id: id(),
    runId: integer("run_id")
      .notNull()
      .references(() => gradeCardRuns.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    size: integer("size").notNull().default(0),
    pdf: blob("pdf", { mode: "buffer" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("grade_card_files_run_candidate_unique").on(t.runId, t.candidateId), index("grade_card_files_candidate_idx").on(t.candidateId)],
);

// What the class teacher (or an admin) writes in a grade card's remarks box: one text per
// candidate and term, printed on every card of that term made after it is saved. `version`
// makes a save from a stale tab a conflict instead of overwriting someone else's words.
export const gradeCardRemarks = sqliteTable(
  "grade_card_remarks",
  {
    id: id(),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => candidates.id, { onDelete: "cascade" }),
    termId: integer("term_id")
      .notNull()
      .references(() => terms.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [uniqueIndex("grade_card_remarks_candidate_term_unique").on(t.candidateId, t.termId), index("grade_card_remarks_term_idx").on(t.termId)],
);
