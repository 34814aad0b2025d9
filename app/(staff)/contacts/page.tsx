import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { first, parseListParams, type SearchParams } from "@/lib/list";
import { listContacts } from "@/db/queries/contacts";
import { institutionOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { ContactsTable } from "@/components/tables/contacts/contacts-table";
import { ContactDialog } from "@/components/tables/contacts/contact-dialog";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("contacts.read");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "name" });
  const institutionId = Number(first(sp.institution)) || undefined;
  const [page, institutions] = await Promise.all([listContacts(user, params, { institutionId }), institutionOptions()]);
  const canManage = can(user.role, "contacts.manage");
  return (
    <>
      <PageHeader title="Contacts" description="People at partner institutions." actions={canManage && <ContactDialog />} />
      <ListToolbar
        searchPlaceholder="Search name, email, phone or institution"
        filters={[
          {
            key: "institution",
            label: "Institution",
            allLabel: "All institutions",
            options: institutions.map((i) => ({ value: String(i.id), label: i.label })),
          },
        ]}
      >
        <ExportCsvButton href="/api/contacts/export" searchParams={sp} />
      </ListToolbar>
      <ContactsTable canManage={canManage} data={page.rows} total={page.total} page={page.page} size={page.size} sort={params.sort} dir={params.dir} />
    </>
  );
}
