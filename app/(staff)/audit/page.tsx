import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { parseListParams, type SearchParams } from "@/lib/list";
import { auditFilters } from "@/lib/filters/audit";
import { entityLabel } from "@/lib/audit";
import { auditFilterOptions, listAuditEvents } from "@/db/queries/audit";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { AuditTable } from "@/components/tables/audit/audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("audit.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "at", dir: "desc" });
  const [page, options] = await Promise.all([listAuditEvents(user, params, auditFilters(sp)), auditFilterOptions(user)]);
  return (
    <>
      <PageHeader title="Audit log" description="Every change to a record: who made it, when, and what it was before and after." />
      <ListToolbar
        searchPlaceholder="Search people, actions, records and values"
        filters={[
          {
            key: "actor",
            label: "Who",
            allLabel: "Anyone",
            options: [
              ...options.actors.map((a) => ({ value: String(a.id), label: a.fullName })),
              ...(options.accountless ? [{ value: "none", label: "Markbook or a deleted account" }] : []),
            ],
          },
          { key: "entity", label: "Record type", allLabel: "Any record", options: options.entities.map((e) => ({ value: e, label: entityLabel(e) })) },
          { key: "from", label: "From", type: "date" },
          { key: "to", label: "To", type: "date" },
        ]}
      >
        <ExportCsvButton href="/api/audit/export" searchParams={sp} />
      </ListToolbar>
      <AuditTable data={page.rows} total={page.total} page={page.page} size={page.size} sort={params.sort} dir={params.dir} />
    </>
  );
}
