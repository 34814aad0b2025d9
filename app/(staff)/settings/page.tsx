import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { getDefaultScale } from "@/db/queries/grading-scales";
import { getThresholds } from "@/db/queries/thresholds";
import { listPrograms } from "@/db/queries/programs";
import { getSettings } from "@/db/queries/settings";
import { staffOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { InstitutionForm, ScaleForm, ThresholdsForm } from "@/components/settings/settings-forms";

export const metadata: Metadata = { title: "Grading & settings" };

export default async function SettingsPage() {
  await requirePermission("settings.manage");
  const [settings, scale, programs, counsellors] = await Promise.all([getSettings(), getDefaultScale(), listPrograms(), staffOptions("counsellor")]);
  const base = await getThresholds(null);
  const perProgram = await Promise.all(programs.map(async (p) => ({ p, t: await getThresholds(p.id) })));
  return (
    <>
      <PageHeader
        title="Grading & settings"
        description="How results are graded, when a candidate counts as at risk, and how Markbook presents your institution."
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <SectionCard title="Grading scale" description="Letters are looked up from the percentage as shown (one decimal), so 89.95 → 90.0 → the 90 band.">
          <ScaleForm scale={scale} />
        </SectionCard>
        <SectionCard title="Institution">
          <InstitutionForm settings={settings} counsellors={counsellors} />
        </SectionCard>
      </div>
      <SectionCard
        className="mt-6"
        title="At-risk thresholds and exam eligibility"
        description="Alerts are raised when a rule becomes true and resolved when it stops. Saving re-checks every candidate concerned, and recomputes attendance when the way on-duty or medical days count changes."
        contentClassName="space-y-4"
      >
        <ThresholdsForm programId={null} thresholds={base} inherited={false} label="Institution defaults" />
        {perProgram.map(({ p, t }) => (
          <ThresholdsForm key={p.id} programId={p.id} thresholds={t} inherited={t.inherited} label={`${p.code} — ${p.name}`} />
        ))}
      </SectionCard>
    </>
  );
}
