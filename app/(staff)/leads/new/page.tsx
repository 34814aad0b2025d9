import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { leadSources } from "@/db/queries/leads";
import { programOptions, staffOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { LeadForm } from "@/components/crm/lead-form";
import { createLeadAction } from "../actions";

export const metadata: Metadata = { title: "New lead" };

export default async function NewLeadPage() {
  await requirePermission("leads.manage");
  const [staff, programs, sources] = await Promise.all([staffOptions(), programOptions(), leadSources()]);
  return (
    <>
      <PageHeader title="Create lead" description="Student lead details — required fields are marked." />
      <LeadForm
        action={createLeadAction}
        owners={staff.filter((s) => s.role !== "faculty")}
        programs={programs.map((p) => p.label.split(" — ")[1] ?? p.label)}
        sources={sources.length ? sources : ["Website form", "Education fair", "School counsellor referral", "Walk-in", "Social media"]}
        submitLabel="Save lead"
      />
    </>
  );
}
