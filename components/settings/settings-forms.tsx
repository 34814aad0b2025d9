"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import {
  clearThresholdsAction,
  createScaleFromPresetAction,
  saveInstitutionAction,
  saveScaleAction,
  saveThresholdsAction,
} from "@/app/(staff)/settings/actions";
import { DAY_RULES, type DayRule } from "@/lib/constants";
import { DAY_RULE_LABELS } from "@/lib/results/attendance";
import { ActionForm } from "./action-form";

type Settings = {
  name: string;
  shortName: string;
  brandColor: string;
  replyTo: string | null;
  resultLinkDays: number;
  alertTaskForAdvisor: boolean;
  alertTaskForCounsellorOnAttendance: boolean;
  alertCounsellorId: number | null;
};

export function InstitutionForm({ settings, counsellors }: { settings: Settings; counsellors: { id: number; label: string }[] }) {
  return (
    <ActionForm action={saveInstitutionAction} successMessage="Settings saved">
      {({ errors, values }) => (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Institution name" name="name" error={errors?.name?.[0]} required>
              <Input name="name" defaultValue={values?.name ?? settings.name} />
            </FormField>
            <FormField label="Short name" name="shortName" error={errors?.shortName?.[0]} required>
              <Input name="shortName" defaultValue={values?.shortName ?? settings.shortName} />
            </FormField>
            <FormField label="Brand colour" name="brandColor" error={errors?.brandColor?.[0]} description="Used in emails and the result page.">
              <Input name="brandColor" type="color" className="h-9 w-24 p-1" defaultValue={values?.brandColor ?? settings.brandColor} />
            </FormField>
            <FormField label="Reply-to email" name="replyTo" error={errors?.replyTo?.[0]}>
              <Input name="replyTo" type="email" defaultValue={values?.replyTo ?? settings.replyTo ?? ""} placeholder="office@school.edu" />
            </FormField>
            <FormField label="Result links last (days)" name="resultLinkDays" error={errors?.resultLinkDays?.[0]}>
              <Input name="resultLinkDays" inputMode="numeric" defaultValue={values?.resultLinkDays ?? settings.resultLinkDays} />
            </FormField>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">When an at-risk alert is raised</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="alertTaskForAdvisor" defaultChecked={settings.alertTaskForAdvisor} className="size-4 accent-primary" />
              Create an intervention task for the candidate&apos;s advisor
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="alertTaskForCounsellorOnAttendance"
                defaultChecked={settings.alertTaskForCounsellorOnAttendance}
                className="size-4 accent-primary"
              />
              Also create one for a counsellor when attendance is the cause
            </label>
            <FormField label="Counsellor for attendance follow-ups" name="alertCounsellorId">
              <NativeSelect name="alertCounsellorId" defaultValue={settings.alertCounsellorId ?? ""}>
                <option value="">The first active counsellor</option>
                {counsellors.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </fieldset>
        </>
      )}
    </ActionForm>
  );
}

type Band = { letter: string; minPercent: number; gradePoints?: number | null };
type BandField = "letter" | "minPercent" | "gradePoints";

/** A band's input with its own error beside it (the action reports them as `bands.<i>.<field>`). */
function BandInput({
  scaleId,
  index,
  field,
  label,
  value,
  error,
  onChange,
  className,
  inputMode,
}: {
  scaleId: number;
  index: number;
  field: BandField;
  label: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  className: string;
  inputMode?: "decimal";
}) {
  const errorId = `scale-${scaleId}-band-${index}-${field}-error`;
  return (
    <div className="grid gap-1">
      <Input
        name={field}
        aria-label={label}
        inputMode={inputMode}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={className}
      />
      {error && (
        <p id={errorId} className="max-w-40 text-xs text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

export function ScaleForm({ scale }: { scale: { id: number; name: string; bands: Band[] } }) {
  const [bands, setBands] = React.useState(() => scale.bands.map((b) => ({ ...b, key: Math.random() })));
  const set = (key: number, field: BandField, v: string) => setBands((l) => l.map((x) => (x.key === key ? { ...x, [field]: v } : x)));
  return (
    <ActionForm action={saveScaleAction} successMessage="Grading scale saved" testId={`scale-form-${scale.id}`}>
      {({ errors, values }) => (
        <>
          <input type="hidden" name="id" value={scale.id} />
          <FormField label="Scale name" name="name" id={`scale-${scale.id}-name`} error={errors?.name?.[0]}>
            <Input name="name" defaultValue={values?.name ?? scale.name} />
          </FormField>
          {errors?.bands?.[0] && <p className="text-sm text-destructive">{errors.bands[0]}</p>}
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left align-bottom text-muted-foreground">
                <th className="pb-1 pr-2 font-medium">Letter</th>
                <th className="pb-1 pr-2 font-medium">From % (shown value)</th>
                <th className="pb-1 pr-2 font-medium">Grade points</th>
                <th className="sr-only">Remove</th>
              </tr>
            </thead>
            <tbody>
              {bands.map((b, i) => {
                const err = (field: BandField) => errors?.[`bands.${i}.${field}`]?.[0];
                return (
                  <tr key={b.key} className="align-top">
                    <td className="py-1 pr-2">
                      <BandInput
                        scaleId={scale.id}
                        index={i}
                        field="letter"
                        label={`Letter ${i + 1}`}
                        value={b.letter}
                        error={err("letter")}
                        onChange={(v) => set(b.key, "letter", v)}
                        className="w-16 sm:w-20"
                      />
                    </td>
                    <td className="py-1 pr-2">
                      <BandInput
                        scaleId={scale.id}
                        index={i}
                        field="minPercent"
                        label={`Minimum percent for band ${i + 1}`}
                        inputMode="decimal"
                        value={String(b.minPercent)}
                        error={err("minPercent")}
                        onChange={(v) => set(b.key, "minPercent", v)}
                        className="w-20 sm:w-24"
                      />
                    </td>
                    <td className="py-1 pr-2">
                      <BandInput
                        scaleId={scale.id}
                        index={i}
                        field="gradePoints"
                        label={`Grade points for band ${i + 1}`}
                        inputMode="decimal"
                        value={b.gradePoints == null ? "" : String(b.gradePoints)}
                        error={err("gradePoints")}
                        onChange={(v) => set(b.key, "gradePoints", v)}
                        className="w-20 sm:w-24"
                      />
                    </td>
                    <td className="py-1">
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon"
                        aria-label={`Remove band ${b.letter || i + 1}`}
                        onClick={() => setBands((l) => l.filter((x) => x.key !== b.key))}
                      >
                        <Trash2 className="size-4" aria-hidden />
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => setBands((l) => [...l, { letter: "", minPercent: "" as unknown as number, gradePoints: null, key: Math.random() }])}
          >
            <Plus className="size-4" aria-hidden /> Add band
          </Button>
        </>
      )}
    </ActionForm>
  );
}

/** "New scale from a preset": Standard, UGC 10-point or CBSE-style bands, named, then edited below like any other. */
export function PresetScaleForm({ presets }: { presets: { id: string; name: string; description: string }[] }) {
  const [preset, setPreset] = React.useState(presets[0]?.id ?? "");
  const chosen = presets.find((p) => p.id === preset);
  return (
    <ActionForm
      action={createScaleFromPresetAction}
      submitLabel="Create scale"
      successMessage="Grading scale created"
      testId="preset-scale-form"
      className="space-y-3"
    >
      {({ errors, values }) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label="Preset" name="preset" id="preset-scale-preset" error={errors?.preset?.[0]} description={chosen?.description}>
              <NativeSelect name="preset" value={preset} onChange={(e) => setPreset(e.target.value)}>
                {presets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Name of the new scale" name="name" id="preset-scale-name" error={errors?.name?.[0]}>
              <Input name="name" key={preset} defaultValue={values?.name ?? chosen?.name ?? ""} />
            </FormField>
          </div>
        </>
      )}
    </ActionForm>
  );
}

type T = {
  passMark: number;
  atRiskMark: number;
  minAttendance: number;
  suddenDropPoints: number;
  missingCount: number;
  condonableFrom: number;
  maxCondonations: number;
  onDutyCounts: DayRule;
  medicalCounts: DayRule;
};

export function ThresholdsForm({ programId, thresholds, inherited, label }: { programId: number | null; thresholds: T; inherited: boolean; label: string }) {
  const router = useRouter();
  return (
    <div className="space-y-2 rounded-lg border p-4" data-testid={`thresholds-${programId ?? "default"}`}>
      <div className="flex items-center justify-between">
        <h3 className="font-medium">{label}</h3>
        {programId && !inherited && (
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={async () => {
              const r = await clearThresholdsAction(null, { programId });
              if (r.ok) {
                toast.success("Now uses the institution defaults");
                router.refresh();
              } else toast.error(r.message);
            }}
          >
            Use defaults
          </Button>
        )}
        {programId && inherited && <span className="text-xs text-muted-foreground">Using the institution defaults</span>}
      </div>
      <ActionForm action={saveThresholdsAction} successMessage="Thresholds saved; attendance and alerts re-checked" className="space-y-3">
        {({ errors, values }) => (
          <>
            <input type="hidden" name="programId" value={programId ?? ""} />
            <div className="grid gap-3 sm:grid-cols-5">
              {(
                [
                  ["passMark", "Pass mark (%)"],
                  ["atRiskMark", "At-risk mark (%)"],
                  ["minAttendance", "Min. attendance (%)"],
                  ["suddenDropPoints", "Sudden drop (points)"],
                  ["missingCount", "Missing count"],
                ] as const
              ).map(([k, l]) => (
                <FormField key={k} label={l} name={k} id={`${k}-${programId ?? "default"}`} error={errors?.[k]?.[0]}>
                  <Input name={k} inputMode="decimal" defaultValue={values?.[k] ?? thresholds[k]} />
                </FormField>
              ))}
            </div>
            <fieldset className="grid gap-3 sm:grid-cols-4" data-testid={`eligibility-${programId ?? "default"}`}>
              <legend className="mb-2 text-sm font-medium text-muted-foreground">
                Exam eligibility: below the minimum attendance a candidate may sit only with an approved condonation, which can be granted from “Condonation
                from” up, a limited number of times.
              </legend>
              {(
                [
                  ["condonableFrom", "Condonation from (%)"],
                  ["maxCondonations", "Condonations allowed"],
                ] as const
              ).map(([k, l]) => (
                <FormField key={k} label={l} name={k} id={`${k}-${programId ?? "default"}`} error={errors?.[k]?.[0]}>
                  <Input name={k} inputMode={k === "maxCondonations" ? "numeric" : "decimal"} defaultValue={values?.[k] ?? thresholds[k]} />
                </FormField>
              ))}
              {(
                [
                  ["onDutyCounts", "On-duty days"],
                  ["medicalCounts", "Medical days"],
                ] as const
              ).map(([k, l]) => (
                <FormField key={k} label={l} name={k} id={`${k}-${programId ?? "default"}`} error={errors?.[k]?.[0]}>
                  <NativeSelect name={k} defaultValue={values?.[k] ?? thresholds[k]}>
                    {DAY_RULES.map((r) => (
                      <option key={r} value={r}>
                        {DAY_RULE_LABELS[r]}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
              ))}
            </fieldset>
          </>
        )}
      </ActionForm>
    </div>
  );
}
