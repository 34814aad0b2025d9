import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { first, parseListParams, type SearchParams } from "@/lib/list";
import { listInstitutions } from "@/db/queries/institutions";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { InstitutionsTable } from "@/components/tables/institutions/institutions-table";
import { InstitutionDialog } from "@/components/tables/institutions/institution-dialog";

export const metadata: Metadata = { title: "Institutions" };

export default async function InstitutionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("institutions.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "name" });
  const since = first(sp.since) === "month" ? startOfMonth() : undefined;
  const page = await listInstitutions(user, params, { createdSince: since });
  const canManage = can(user.role, "institutions.manage");
  return (
    <>
      <PageHeader
        title="Institutions"
        description={since ? "Added this month." : "Partner schools and colleges."}
        actions={canManage && <InstitutionDialog />}
      />
      <ListToolbar searchPlaceholder="Search name, city, state or email">
        <ExportCsvButton href="/api/institutions/export" searchParams={sp} />
      </ListToolbar>
      <InstitutionsTable
        canManage={canManage}
        data={page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={params.sort}
        dir={params.dir}
      />
    </>
  );
}

function startOfMonth() {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), 1);
}
