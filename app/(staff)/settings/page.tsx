import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { getDefaultScale, listScales } from "@/db/queries/grading-scales";
import { SCALE_PRESETS } from "@/lib/results/scale-presets";
import { getThresholds } from "@/db/queries/thresholds";
import { listPrograms } from "@/db/queries/programs";
import { getSettings } from "@/db/queries/settings";
import { staffOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { InstitutionForm, PresetScaleForm, ScaleForm, ThresholdsForm } from "@/components/settings/settings-forms";
import { Badge } from "@/components/ui/badge";

export const metadata: Metadata = { title: "Grading & settings" };

export default async function SettingsPage() {
  await requirePermission("settings.manage");
  // The default scale is made (Standard bands) if it is missing, before the list is read.
  await getDefaultScale();
  const [settings, scales, programs, counsellors] = await Promise.all([getSettings(), listScales(), listPrograms(), staffOptions("counsellor")]);
  const base = await getThresholds(null);
  const perProgram = await Promise.all(programs.map(async (p) => ({ p, t: await getThresholds(p.id) })));
  return (
    <>
      <PageHeader
        title="Grading & settings"
        description="How results are graded, when a candidate counts as at risk, and how Markbook presents your institution."
      />
      <SectionCard
        title="Grading scales"
        description={
          <>
            Letters and grade points are looked up from the percentage as shown (one decimal), so 89.95 → 90.0 → the 90 band. A failed course is F and an absent
            one Ab, with 0 grade points, whatever its percentage (the scheme&apos;s pass rules decide). Each program picks its scale under Programs &amp; terms;
            the others use the default.
          </>
        }
        contentClassName="space-y-6"
      >
        <section className="space-y-3 rounded-lg border border-dashed p-4" aria-labelledby="preset-scale-heading">
          <h3 id="preset-scale-heading" className="font-medium">
            New scale from a preset
          </h3>
          <PresetScaleForm presets={SCALE_PRESETS.map((p) => ({ id: p.id, name: p.name, description: p.description }))} />
        </section>
        <div className="grid gap-6 xl:grid-cols-2">
          {scales.map((scale) => (
            <section key={scale.id} className="space-y-3 rounded-lg border p-4" aria-label={`Scale ${scale.name}`} data-testid={`scale-${scale.id}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                {scale.isDefault && <Badge variant="success">Institution default</Badge>}
                <span className="text-muted-foreground" data-testid="scale-programs">
                  {scale.programs.length
                    ? `Used by ${scale.programs.map((p) => p.code).join(", ")}`
                    : scale.isDefault
                      ? "Used by every program without a scale of its own"
                      : "No program uses it yet"}
                </span>
              </div>
              <ScaleForm scale={scale} />
            </section>
          ))}
        </div>
      </SectionCard>
      <SectionCard className="mt-6" title="Institution">
        <InstitutionForm settings={settings} counsellors={counsellors} />
      </SectionCard>
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
