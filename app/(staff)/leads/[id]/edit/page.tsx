import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { getLead, leadSources } from "@/db/queries/leads";
import { programOptions, staffOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { LeadForm } from "@/components/crm/lead-form";
import { updateLeadAction } from "../../actions";

export const metadata: Metadata = { title: "Edit lead" };

export default async function EditLeadPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("leads.manage");
  const lead = await loadOr404(getLead(user, idParam((await params).id)));
  const [staff, programs, sources] = await Promise.all([staffOptions(), programOptions(), leadSources()]);
  return (
    <>
      <PageHeader title={`Edit ${lead.studentName}`} />
      <LeadForm
        action={updateLeadAction}
        initial={{
          ...lead,
          institution: lead.institutionId ? { id: lead.institutionId, label: lead.institutionName ?? "" } : null,
          contact: lead.contactId ? { id: lead.contactId, label: lead.contactName ?? "" } : null,
        }}
        owners={staff.filter((s) => s.role !== "faculty")}
        programs={programs.map((p) => p.label.split(" — ")[1] ?? p.label)}
        sources={sources}
        submitLabel="Save lead"
      />
    </>
  );
}
