import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { parseListParams, first, type SearchParams } from "@/lib/list";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/constants";
import { listUsers } from "@/db/queries/users";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { UsersTable } from "@/components/tables/users/users-table";
import { InviteUserDialog } from "@/components/tables/users/invite-user-dialog";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const me = await requirePermission("users.manage");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "name" });
  const role = first(sp.role);
  const status = first(sp.status);
  const page = await listUsers(me, params, {
    role: (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : undefined,
    active: status === "active" ? true : status === "inactive" ? false : undefined,
  });
  return (
    <>
      <PageHeader title="Users" description="Invite staff, change roles, deactivate accounts and issue password resets." actions={<InviteUserDialog />} />
      <ListToolbar
        searchPlaceholder="Search name or email"
        filters={[
          { key: "role", label: "Role", allLabel: "All roles", options: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
          {
            key: "status",
            label: "Status",
            allLabel: "Any status",
            options: [
              { value: "active", label: "Active" },
              { value: "inactive", label: "Inactive" },
            ],
          },
        ]}
      />
      <UsersTable
        currentUserId={me.id}
        data={page.rows.map((u) => ({
          id: u.id,
          fullName: u.fullName,
          email: u.email,
          role: u.role,
          active: u.active,
          invited: u.passwordChangedAt === null,
          lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
        }))}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={params.sort}
        dir={params.dir}
      />
    </>
  );
}
