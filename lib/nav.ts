import type { Permission } from "@/lib/auth/permissions";

export type NavItem = { href: string; label: string; icon: string; permission?: Permission; badge?: "followups" | "tasks" | "alerts" };
export type NavSection = { title?: string; items: NavItem[] };

// The sidebar, filtered by role. Icons are lucide names, resolved in the client component.
export const NAV: NavSection[] = [
  { items: [{ href: "/dashboard", label: "Dashboard", icon: "layout-dashboard" }] },
  {
    title: "Administration",
    items: [{ href: "/admin/users", label: "Users", icon: "users", permission: "users.manage" }],
  },
  {
    title: "Account",
    items: [{ href: "/account", label: "My account", icon: "user-cog", permission: "account.self" }],
  },
];
