"use client";

import { Badge } from "@/components/ui/badge";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { ROLE_LABELS } from "@/lib/constants";
import { formatDateTime } from "@/lib/format";
import { USER_SORTS } from "@/lib/filters/users";
import { UserRowActions, type UserRow } from "./user-row-actions";

type Row = UserRow & { lastSignInAt: string | null };
const col = columnHelperFor<Row>();

export function UsersTable({
  data,
  currentUserId,
  ...paging
}: {
  data: Row[];
  currentUserId: number;
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
}) {
  const columns: ListColumns<Row> = [
    col.accessor("fullName", {
      id: "name",
      header: "Name",
      cell: (c) => (
        <span className="font-medium">
          {c.getValue()}
          {c.row.original.id === currentUserId && <span className="ml-2 text-xs text-muted-foreground">(you)</span>}
        </span>
      ),
    }),
    col.accessor("email", { id: "email", header: "Email" }),
    col.accessor("role", { id: "role", header: "Role", cell: (c) => ROLE_LABELS[c.row.original.role] }),
    col.accessor("active", {
      id: "active",
      header: "Status",
      cell: (c) =>
        c.row.original.invited ? (
          <Badge variant="warning">Invited</Badge>
        ) : c.getValue() ? (
          <Badge variant="success">Active</Badge>
        ) : (
          <Badge variant="secondary">Inactive</Badge>
        ),
    }),
    col.accessor("lastSignInAt", { id: "lastSignIn", header: "Last sign-in", cell: (c) => (c.getValue() ? formatDateTime(c.getValue()!) : "Never") }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => <UserRowActions user={c.row.original} isSelf={c.row.original.id === currentUserId} />,
    }),
  ];
  return (
    <DataTable
      columns={columns}
      sortable={USER_SORTS}
      data={data}
      getRowId={(r) => String(r.id)}
      caption="Staff accounts"
      emptyTitle="No users match"
      {...paging}
    />
  );
}
