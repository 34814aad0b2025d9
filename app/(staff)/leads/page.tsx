import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { first, parseListParams, type SearchParams } from "@/lib/list";
import { leadFilters } from "@/lib/filters/leads";
import { LEAD_STATUSES } from "@/lib/constants";
import { leadBoard, leadSources, listLeads } from "@/db/queries/leads";
import { staffOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { LeadsTable } from "@/components/tables/leads/leads-table";
import { LeadBoard } from "@/components/crm/lead-board";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("leads.read");
  const sp = await searchParams;
  const board = first(sp.view) === "board";
  const params = parseListParams(sp, { sort: "created", dir: "desc" });
  const filters = leadFilters(sp, user);
  const [sources, staff] = await Promise.all([leadSources(), staffOptions()]);
  const qs = (view?: string) => {
    const u = new URLSearchParams(
      Object.entries(sp).flatMap(([k, v]) => (k === "view" || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]))),
    );
    if (view) u.set("view", view);
    const s = u.toString();
    return s ? `/leads?${s}` : "/leads";
  };
  return (
    <>
      <PageHeader
        title="Leads"
        description="Enquiries from prospective candidates, and their follow-ups."
        actions={
          <>
            <nav aria-label="View" className="flex rounded-md border p-0.5">
              <Link href={qs()} aria-current={!board ? "page" : undefined} className={cn("rounded px-3 py-1 text-sm", !board && "bg-accent font-medium")}>
                List
              </Link>
              <Link href={qs("board")} aria-current={board ? "page" : undefined} className={cn("rounded px-3 py-1 text-sm", board && "bg-accent font-medium")}>
                Pipeline
              </Link>
            </nav>
            <Link href="/leads/new" className={buttonVariants()}>
              New lead
            </Link>
          </>
        }
      />
      <ListToolbar
        searchPlaceholder="Search name, email, phone, program or notes"
        filters={[
          ...(board ? [] : [{ key: "status", label: "Status", allLabel: "Any status", options: LEAD_STATUSES.map((s) => ({ value: s, label: s })) }]),
          {
            key: "owner",
            label: "Owner",
            allLabel: "Any owner",
            options: [{ value: "me", label: "Mine" }, ...staff.filter((s) => s.role !== "faculty").map((s) => ({ value: String(s.id), label: s.label }))],
          },
          { key: "source", label: "Source", allLabel: "Any source", options: sources.map((s) => ({ value: s, label: s })) },
          {
            key: "followUp",
            label: "Follow-up",
            allLabel: "Any follow-up",
            options: [
              { value: "overdue", label: "Overdue" },
              { value: "due", label: "Due (today or overdue)" },
              { value: "today", label: "Today" },
              { value: "week", label: "Next 7 days" },
              { value: "none", label: "None set" },
            ],
          },
        ]}
      >
        {!board && <ExportCsvButton href="/api/leads/export" searchParams={sp} />}
      </ListToolbar>
      {board ? (
        <LeadBoard columns={(await leadBoard(user, params, filters)).map((c) => ({ ...c, rows: c.rows }))} />
      ) : (
        <LeadsTableSection user={user} params={params} filters={filters} />
      )}
    </>
  );
}

async function LeadsTableSection({
  user,
  params,
  filters,
}: {
  user: Parameters<typeof listLeads>[0];
  params: Parameters<typeof listLeads>[1];
  filters: Parameters<typeof listLeads>[2];
}) {
  const page = await listLeads(user, params, filters);
  return <LeadsTable data={page.rows} total={page.total} page={page.page} size={page.size} sort={params.sort} dir={params.dir} />;
}
