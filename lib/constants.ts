// The domain's fixed vocabularies (PRODUCT.md §2). The schema, the zod schemas and the
// screens all read them from here so a word is spelled one way everywhere.

export const ROLES = ["admin", "faculty", "counsellor"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", faculty: "Faculty", counsellor: "Counsellor" };

export const CANDIDATE_STATUSES = ["active", "withdrawn", "graduated"] as const;
export type CandidateStatus = (typeof CANDIDATE_STATUSES)[number];

export const ENROLMENT_STATUSES = ["active", "dropped", "completed"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ASSESSMENT_KINDS = ["quiz", "assignment", "test", "project", "exam"] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export const MARK_STATUSES = ["graded", "absent", "missing", "excused", "late"] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

export const ATTENDANCE_STATUSES = ["present", "absent", "late", "excused", "on_duty", "medical"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = {
  present: "Present",
  absent: "Absent",
  late: "Late",
  excused: "Excused",
  on_duty: "On duty",
  medical: "Medical",
};

/** How an on-duty or a medical day counts in the attendance rate (per program, issue 14). */
export const DAY_RULES = ["present", "excluded", "absent"] as const;
export type DayRule = (typeof DAY_RULES)[number];

/** A condonation request's life: requested, then approved or refused by an admin (issue 14). */
export const CONDONATION_STATUSES = ["requested", "approved", "refused"] as const;
export type CondonationStatus = (typeof CONDONATION_STATUSES)[number];
export const CONDONATION_STATUS_LABELS: Record<CondonationStatus, string> = { requested: "Requested", approved: "Approved", refused: "Refused" };

export const LEAD_STATUSES = ["New", "Qualified", "Converted", "Lost"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const INTERACTION_KINDS = ["note", "call", "email", "meeting"] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const TASK_STATUSES = ["open", "in_progress", "done"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: "Open", in_progress: "In progress", done: "Done" };

export const CONTACT_METHODS = ["email", "phone", "sms"] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** A course's outcome under its scheme's pass rules (null when the scheme has none). */
export const OUTCOMES = ["pass", "fail", "absent", "pending"] as const;
export type OutcomeValue = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<OutcomeValue, string> = { pass: "Pass", fail: "Fail", absent: "Absent", pending: "Pending" };

export const ALERT_RULES = ["failing", "at_risk", "low_attendance", "sudden_drop", "missing_work"] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const EMAIL_STATUSES = ["queued", "sent", "failed"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const EMAIL_TEMPLATES = ["progress-report", "at-risk-follow-up", "follow-up-reminder", "task-digest", "staff-invitation", "password-reset"] as const;
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number];

export const IMPORT_KINDS = ["candidates", "marks", "attendance", "leads"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const TOKEN_KINDS = ["invite", "reset"] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** Shortest password accepted (the rest of the policy is server-side, lib/auth/password-rules.ts). */
export const PASSWORD_MIN = 10;

/** Which grade card a program prints: a college's (credits, SGPA/CGPA) or a school's CBSE-style term report. */
export const GRADE_CARD_VARIANTS = ["college", "school"] as const;
export type GradeCardVariant = (typeof GRADE_CARD_VARIANTS)[number];
export const GRADE_CARD_LABELS: Record<GradeCardVariant, string> = { college: "College (credits, SGPA and CGPA)", school: "School (CBSE-style term report)" };
