import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { getDefaultScale } from "@/db/queries/grading-scales";
import { getThresholds } from "@/db/queries/thresholds";
import { listPrograms } from "@/db/queries/programs";
import { getSettings } from "@/db/queries/settings";
import { staffOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { InstitutionForm, ScaleForm, ThresholdsForm } from "@/components/settings/settings-forms";

export const metadata: Metadata = { title: "Grading & settings" };

export default async function SettingsPage() {
  await requirePermission("settings.manage");
  const [settings, scale, programs, counsellors] = await Promise.all([getSettings(), getDefaultScale(), listPrograms(), staffOptions("counsellor")]);
  const base = await getThresholds(null);
  const perProgram = await Promise.all(programs.map(async (p) => ({ p, t: await getThresholds(p.id) })));
  return (
    <>
      <PageHeader title="Grading & settings" description="How results are graded, when a candidate counts as at risk, and how Markbook presents your institution." />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Grading scale</h2>
            </CardTitle>
            <CardDescription>Letters are looked up from the percentage as shown (one decimal), so 89.95 → 90.0 → the 90 band.</CardDescription>
          </CardHeader>
          <CardContent>
            <ScaleForm scale={scale} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Institution</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <InstitutionForm settings={settings} counsellors={counsellors} />
          </CardContent>
        </Card>
      </div>
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>
            <h2>At-risk thresholds</h2>
          </CardTitle>
          <CardDescription>Alerts are raised when a rule becomes true and resolved when it stops; saving re-checks every candidate concerned.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <ThresholdsForm programId={null} thresholds={base} inherited={false} label="Institution defaults" />
          {perProgram.map(({ p, t }) => (
            <ThresholdsForm key={p.id} programId={p.id} thresholds={t} inherited={t.inherited} label={`${p.code} — ${p.name}`} />
          ))}
        </CardContent>
      </Card>
    </>
  );
}
