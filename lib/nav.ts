import type { Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/constants";

export type NavItem = { href: string; label: string; icon: string; permission?: Permission; roles?: Role[]; badge?: "followups" | "tasks" | "alerts" };
export type NavSection = { title?: string; items: NavItem[] };

// The sidebar, filtered by role. Icons are lucide names, resolved in the client component.
export const NAV: NavSection[] = [
  { items: [{ href: "/dashboard", label: "Dashboard", icon: "layout-dashboard" }] },
  {
    title: "Results",
    items: [
      { href: "/candidates?advisor=me", label: "My students", icon: "graduation-cap", roles: ["faculty"] },
      { href: "/candidates", label: "Candidates", icon: "users", permission: "candidates.read" },
      { href: "/courses", label: "Courses", icon: "book-open", permission: "courses.read" },
      { href: "/alerts", label: "At-risk alerts", icon: "bell", permission: "alerts.read" },
      { href: "/attendance/detention", label: "Detention list", icon: "user-x", permission: "eligibility.read" },
      { href: "/attendance/condonations", label: "Condonations", icon: "file-check", permission: "condonations.request" },
      { href: "/reports", label: "Progress reports", icon: "mail", permission: "reports.send" },
      { href: "/grade-cards", label: "Grade cards", icon: "file-text", permission: "marks.read" },
      { href: "/imports", label: "Imports", icon: "file-up", permission: "imports.run" },
    ],
  },
  {
    title: "Relationships",
    items: [
      { href: "/leads", label: "Leads", icon: "target", permission: "leads.read", badge: "followups" },
      { href: "/tasks", label: "Tasks", icon: "list-todo", permission: "tasks.manage", badge: "tasks" },
      { href: "/contacts", label: "Contacts", icon: "contact", permission: "contacts.read" },
      { href: "/institutions", label: "Institutions", icon: "building", permission: "institutions.read" },
    ],
  },
  {
    title: "Administration",
    items: [
      { href: "/academics", label: "Programs & terms", icon: "clipboard", permission: "academics.manage" },
      { href: "/settings", label: "Grading & settings", icon: "settings", permission: "settings.manage" },
      { href: "/admin/users", label: "Users", icon: "user-cog", permission: "users.manage" },
      { href: "/admin/outbox", label: "Email log", icon: "history", permission: "email.outbox" },
      { href: "/audit", label: "Audit log", icon: "scroll-text", permission: "audit.read" },
      { href: "/emails", label: "Email templates", icon: "clipboard", permission: "email.preview" },
    ],
  },
];

export function navFor(role: Role, can: (p: Permission) => boolean): NavSection[] {
  return NAV.map((s) => ({ ...s, items: s.items.filter((i) => (!i.permission || can(i.permission)) && (!i.roles || i.roles.includes(role))) })).filter(
    (s) => s.items.length > 0,
  );
}
