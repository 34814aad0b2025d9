import type { Role } from "@/lib/constants";

// What each role may do (PRODUCT.md §1). Scoping (a faculty member's own courses, a
// user's own tasks) lives in the queries; this map says whether the verb is allowed at all.
export const PERMISSIONS = [
  "users.manage",
  "settings.manage",
  "academics.manage",
  "terms.unlock",
  "audit.read",
  "backups.manage",
  "candidates.read",
  "candidates.create",
  "candidates.update",
  "candidates.notes",
  "candidates.delete",
  "candidates.privacy",
  "enrolments.manage",
  "courses.read",
  "assessments.manage",
  "marks.read",
  "marks.write",
  "attendance.read",
  "attendance.write",
  "eligibility.read",
  "condonations.request",
  "condonations.decide",
  "remarks.write",
  "imports.run",
  "reports.send",
  "access-links.manage",
  "institutions.read",
  "institutions.manage",
  "contacts.read",
  "contacts.manage",
  "leads.read",
  "leads.manage",
  "interactions.create",
  "interactions.delete",
  "tasks.manage",
  "alerts.read",
  "alerts.acknowledge",
  "email.preview",
  "email.outbox",
  "account.self",
  "search.use",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const faculty: Permission[] = [
  "candidates.read",
  "candidates.create",
  "candidates.notes",
  "courses.read",
  "assessments.manage",
  "marks.read",
  "marks.write",
  "attendance.read",
  "attendance.write",
  // The detention list and condonation requests of the courses they teach (scoped in db/queries/eligibility.ts).
  "eligibility.read",
  "condonations.request",
  // The grade card's remarks for the candidates they teach that term (scoped in db/queries/remarks.ts).
  "remarks.write",
  "imports.run",
  "reports.send",
  "access-links.manage",
  "institutions.read",
  "contacts.read",
  "interactions.create",
  "tasks.manage",
  "alerts.read",
  "alerts.acknowledge",
  "email.preview",
  "account.self",
  "search.use",
];

const counsellor: Permission[] = [
  "candidates.read",
  "candidates.create",
  // Attendance eligibility: counsellors follow up shortfalls and ask for condonations; only an admin decides.
  "eligibility.read",
  "condonations.request",
  "institutions.read",
  "institutions.manage",
  "contacts.read",
  "contacts.manage",
  "leads.read",
  "leads.manage",
  "interactions.create",
  "tasks.manage",
  "alerts.read",
  "alerts.acknowledge",
  "email.preview",
  "account.self",
  "search.use",
];

const byRole: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  faculty: new Set(faculty),
  counsellor: new Set(counsellor),
};

export function can(role: Role, permission: Permission): boolean {
  return byRole[role].has(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...byRole[role]];
}

/** Who may hold a permission: the tests derive their expectations from this. */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(byRole) as Role[]).filter((r) => byRole[r].has(permission));
}
