import type { Permission } from "./permissions";

// Route segments and the permission that opens them. The proxy turns people away early
// with this table; pages, actions and queries check again.
export const PUBLIC_PATHS = ["/sign-in", "/setup", "/invite", "/reset-password", "/forgot-password", "/r/", "/api/auth", "/api/cron", "/api/health", "/ping"];

export const SEGMENT_PERMISSIONS: { prefix: string; permission: Permission }[] = [
  { prefix: "/admin", permission: "users.manage" },
  { prefix: "/settings", permission: "settings.manage" },
  { prefix: "/academics", permission: "academics.manage" },
  { prefix: "/audit", permission: "audit.read" },
  { prefix: "/courses", permission: "courses.read" },
  { prefix: "/imports", permission: "imports.run" },
  { prefix: "/leads", permission: "leads.read" },
  { prefix: "/candidates", permission: "candidates.read" },
  { prefix: "/institutions", permission: "institutions.read" },
  { prefix: "/contacts", permission: "contacts.read" },
  { prefix: "/alerts", permission: "alerts.read" },
  { prefix: "/attendance", permission: "eligibility.read" },
  { prefix: "/tasks", permission: "tasks.manage" },
  { prefix: "/emails", permission: "email.preview" },
  { prefix: "/reports", permission: "reports.send" },
  { prefix: "/grade-cards", permission: "marks.read" },
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => (p.endsWith("/") ? pathname.startsWith(p) : pathname === p || pathname.startsWith(p + "/")));
}

export function permissionForPath(pathname: string): Permission | null {
  const hit = SEGMENT_PERMISSIONS.find((s) => pathname === s.prefix || pathname.startsWith(s.prefix + "/"));
  return hit?.permission ?? null;
}
