"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { CircleAlert, CircleCheck, Plus, Trash2 } from "lucide-react";
import { AGGREGATIONS, PARTS, type Scheme } from "@/lib/results/scheme";
import { ROUNDING_METHODS, type RoundingMethod } from "@/lib/results/round";
import { SCHEME_PRESETS, type SchemePreset } from "@/lib/results/presets";
import type { ActionResult, FieldErrors } from "@/lib/action";
import type { SchemePreview } from "@/db/queries/schemes";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { previewSchemeAction, saveSchemeAction } from "@/app/(staff)/courses/[id]/scheme/actions";
import {
  AGGREGATION_LABELS,
  applyPreset,
  assignmentOf,
  setAssignment,
  bandInterval,
  blankBand,
  blankComponent,
  defaultBands,
  draftFromScheme,
  inputSignature,
  MAX_BANDS,
  MAX_COMPONENTS,
  PART_LABELS,
  readDraft,
  removeComponent,
  renameComponent,
  ROUNDING_LABELS,
  updateComponent,
  type ComponentDraft,
  type SchemeDraft,
} from "./scheme-draft";
import { previewSentence, SchemePreviewResult } from "./scheme-preview";

export type EditorAssessment = {
  id: number;
  name: string;
  kind: string;
  maxScore: number;
  weight: number;
  published: boolean;
  componentKey: string | null;
  neverDrop: boolean;
};

type Props = {
  courseId: number;
  /** The newest saved version (null: none yet): a save based on an older one is refused as stale. */
  basedOn: number | null;
  scheme: Scheme;
  presetId: string | null;
  today: string;
  assessments: EditorAssessment[];
};

/** The draft without its React keys: equal texts mean nothing was edited. */
const comparable = (d: SchemeDraft) => JSON.stringify(d, (k, v) => (k === "uid" || k === "componentUid" || k === "keyEdited" ? undefined : v));

export function SchemeEditor({ courseId, basedOn, scheme, presetId, today, assessments }: Props) {
  const router = useRouter();
  const refs = React.useMemo(() => assessments.map((a) => ({ id: a.id, componentKey: a.componentKey, neverDrop: a.neverDrop })), [assessments]);
  const [draft, setDraft] = React.useState<SchemeDraft>(() => draftFromScheme(scheme, { effectiveFrom: today, presetId, assessments: refs }));
  const [baseline, setBaseline] = React.useState(() => comparable(draft));
  const [serverErrors, setServerErrors] = React.useState<FieldErrors>({});
  const [failure, setFailure] = React.useState<string | null>(null);
  const [conflict, setConflict] = React.useState<string | null>(null);
  const [preview, setPreview] = React.useState<{ signature: string; basedOn: number | null; data: SchemePreview } | null>(null);
  const [pendingPreset, setPendingPreset] = React.useState<SchemePreset | null>(null);
  const [previewing, startPreview] = React.useTransition();

  // After our own save the page comes back with the saved version: start again from it (and
  // from any assessments the save created). A version saved by someone else keeps the edits.
  const [seenVersion, setSeenVersion] = React.useState(basedOn);
  const [savedVersion, setSavedVersion] = React.useState<number | null>(null);
  if (basedOn !== seenVersion) {
    setSeenVersion(basedOn);
    if (savedVersion !== null && savedVersion === basedOn) {
      const fresh = draftFromScheme(scheme, { effectiveFrom: today, presetId, assessments: refs });
      setDraft(fresh);
      setBaseline(comparable(fresh));
    }
  }

  const read = React.useMemo(() => readDraft(draft), [draft]);
  const signature = inputSignature(read.input);
  const dirty = comparable(draft) !== baseline;
  const previewCurrent = preview !== null && preview.signature === signature && preview.basedOn === basedOn && signature !== "";
  const assessmentComponents = draft.components.filter((c) => c.source === "assessments");
  const suggested = (assessments.length === 0 && draft.presetId && SCHEME_PRESETS.find((p) => p.id === draft.presetId)?.assessments) || [];

  const error = (path: string) => read.errors[path] ?? serverErrors[path]?.[0];
  const edit = (next: SchemeDraft, ...paths: string[]) => {
    setDraft(next);
    if (paths.length)
      setServerErrors((prev) => {
        const out = { ...prev };
        for (const p of paths) delete out[p];
        return out;
      });
  };
  const patchComponent = (c: ComponentDraft, i: number, patch: Partial<ComponentDraft>, field: string) =>
    edit(updateComponent(draft, c.uid, patch), `scheme.components.${i}.${field}`);

  const takePreset = (p: SchemePreset) => {
    setDraft(applyPreset(draft, p, refs));
    setServerErrors({});
    setPendingPreset(null);
    toast.info(`“${p.name}” copied into the editor: edit it, preview, then save.`);
  };

  const payload = () => ({ courseId, basedOn, ...read.input! });

  const onFailure = (r: Extract<ActionResult, { ok: false }>) => {
    if (r.code === "conflict") {
      setConflict(r.message);
      setPreview(null);
      // The page shows the version saved meanwhile; the edits here stay.
      router.refresh();
      return;
    }
    setFailure(r.message);
    setServerErrors(r.fieldErrors ?? {});
  };

  const runPreview = () =>
    startPreview(async () => {
      if (!read.input) return;
      setFailure(null);
      const sent = signature;
      const r = await previewSchemeAction(null, payload());
      if (!r.ok) return onFailure(r);
      setConflict(null);
      setPreview({ signature: sent, basedOn, data: r.data });
    });

  const save = async () => {
    if (!read.input || !previewCurrent) return;
    setFailure(null);
    const r = await saveSchemeAction(null, payload());
    if (!r.ok) return onFailure(r);
    setConflict(null);
    setPreview(null);
    setBaseline(comparable(draft));
    setSavedVersion(r.data.version);
    const made = r.data.created ? ` ${r.data.created} suggested assessments created.` : "";
    toast.success(`Scheme saved as version ${r.data.version}; ${r.data.recomputed} ${r.data.recomputed === 1 ? "result" : "results"} recomputed.${made}`);
    router.refresh();
  };

  // Server errors keyed to a field the editor does not show (an unknown key) are listed with the failure.
  const shownPaths = new Set(Object.keys(read.errors));
  const otherServerErrors = Object.entries(serverErrors)
    .filter(([k, v]) => v?.length && !k.startsWith("scheme.") && !["effectiveFrom"].includes(k) && !shownPaths.has(k))
    .map(([, v]) => v![0]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem] 2xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-6">
        <PresetPicker onChoose={(p) => (dirty ? setPendingPreset(p) : takePreset(p))} />

        <SectionCard
          title="Components"
          description="Each component aggregates its assessments (or the attendance rate) and is reported out of its scaled maximum. Assessments name their component by its key."
        >
          <div className="space-y-4">
            {draft.components.map((c, i) => (
              <ComponentFields
                key={c.uid}
                c={c}
                index={i}
                error={error}
                canRemove={draft.components.length > 1}
                onChange={(patch, field) => patchComponent(c, i, patch, field)}
                onRename={(name) => edit(updateComponent(draft, c.uid, renameComponent(c, name)), `scheme.components.${i}.name`, `scheme.components.${i}.key`)}
                onSource={(source) =>
                  patchComponent(c, i, { source, bands: source === "attendance" && !c.bands.length ? defaultBands(Number(c.max)) : c.bands }, "source")
                }
                onRemove={() => edit(removeComponent(draft, c.uid))}
              />
            ))}
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={draft.components.length >= MAX_COMPONENTS}
              onClick={() => edit({ ...draft, components: [...draft.components, blankComponent(draft.components)] })}
            >
              <Plus aria-hidden /> Add component
            </Button>
          </div>
        </SectionCard>

        <SectionCard title="Rounding and pass rules">
          <div className="space-y-6">
            <fieldset className="grid gap-4 sm:grid-cols-3">
              <legend className="mb-2 text-sm font-semibold">Rounding</legend>
              <FormField label="When" name="rounding-at" error={error("scheme.rounding.at")}>
                <NativeSelect
                  value={draft.rounding.at}
                  onChange={(e) => edit({ ...draft, rounding: { ...draft.rounding, at: e.target.value as Scheme["rounding"]["at"] } }, "scheme.rounding.at")}
                >
                  <option value="component">At each component</option>
                  <option value="total">Once, at the total</option>
                </NativeSelect>
              </FormField>
              <FormField label="How" name="rounding-method" error={error("scheme.rounding.method")}>
                <NativeSelect
                  value={draft.rounding.method}
                  onChange={(e) => edit({ ...draft, rounding: { ...draft.rounding, method: e.target.value as RoundingMethod } }, "scheme.rounding.method")}
                >
                  {ROUNDING_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {ROUNDING_LABELS[m]}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField label="Decimal places" name="rounding-places" error={error("scheme.rounding.places")}>
                <NativeSelect
                  value={draft.rounding.places}
                  onChange={(e) => edit({ ...draft, rounding: { ...draft.rounding, places: e.target.value } }, "scheme.rounding.places")}
                >
                  {[0, 1, 2, 3, 4].map((n) => (
                    <option key={n} value={String(n)}>
                      {n}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            </fieldset>
            <fieldset className="grid gap-4 sm:grid-cols-3">
              <legend className="mb-1 text-sm font-semibold">Pass rules</legend>
              <p className="-mt-1 text-xs text-muted-foreground sm:col-span-3">In marks, each checked on its own. Leave blank for no check.</p>
              {(
                [
                  ["internalMin", "Internal minimum", read.partMax.internal],
                  ["externalMin", "External minimum", read.partMax.external],
                  ["totalMin", "Total minimum", read.partMax.internal + read.partMax.external],
                ] as const
              ).map(([key, label, of]) => (
                <FormField key={key} label={label} name={`pass-${key}`} error={error(`scheme.pass.${key}`)} description={`of ${of}`}>
                  <Input
                    inputMode="decimal"
                    value={draft.pass[key]}
                    placeholder="No check"
                    onChange={(e) => edit({ ...draft, pass: { ...draft.pass, [key]: e.target.value } }, `scheme.pass.${key}`)}
                  />
                </FormField>
              ))}
            </fieldset>
          </div>
        </SectionCard>

        <SectionCard
          title="Assessments"
          description="Which component each assessment counts in. A never-drop assessment is always kept, whatever best N or dropping would choose."
        >
          {assessments.length === 0 ? (
            <div className="space-y-2 text-sm" data-testid="no-assessments">
              <p className="text-muted-foreground">This course has no assessments yet.</p>
              {suggested.length > 0 ? (
                <p>
                  Saving creates the preset&apos;s {suggested.length} suggested assessments, each in its component:{" "}
                  {suggested.map((a) => `${a.name} (out of ${a.maxScore})`).join(", ")}.
                </p>
              ) : (
                <p className="text-muted-foreground">Add them on the course page, or start from a preset that suggests them.</p>
              )}
            </div>
          ) : (
            <div className="overflow-x-auto">
              <Table data-testid="scheme-assignments">
                <TableHeader>
                  <TableRow>
                    <TableHead>Assessment</TableHead>
                    <TableHead className="text-right">Max</TableHead>
                    <TableHead className="min-w-36">Component</TableHead>
                    <TableHead>Never drop</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {assessments.map((a, k) => {
                    const row = assignmentOf(draft, a.id);
                    return (
                      <TableRow key={a.id}>
                        <TableCell className="font-medium">
                          {a.name} {!a.published && <Badge variant="outline">Draft</Badge>}
                        </TableCell>
                        <TableCell className="text-right tabular-nums">{a.maxScore}</TableCell>
                        <TableCell>
                          <NativeSelect
                            aria-label={`Component of ${a.name}`}
                            value={row.componentUid ?? ""}
                            onChange={(e) => edit(setAssignment(draft, a.id, { componentUid: e.target.value || null }), `assignments.${k}.componentKey`)}
                          >
                            {assessmentComponents.length === 0 && <option value="">No assessments component</option>}
                            {assessmentComponents.map((c) => (
                              <option key={c.uid} value={c.uid}>
                                {c.name || c.key || "Unnamed component"}
                              </option>
                            ))}
                          </NativeSelect>
                          {error(`assignments.${k}.componentKey`) && (
                            <p className="mt-1 text-sm font-medium text-destructive">{error(`assignments.${k}.componentKey`)}</p>
                          )}
                        </TableCell>
                        <TableCell>
                          <input
                            type="checkbox"
                            className="size-4 accent-primary"
                            aria-label={`Never drop ${a.name}`}
                            checked={row.neverDrop}
                            onChange={(e) => edit(setAssignment(draft, a.id, { neverDrop: e.target.checked }))}
                          />
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          )}
        </SectionCard>

        <SectionCard
          title="Preview and save"
          description="Preview shows what the change does to every enrolled candidate's result; nothing is saved until you save."
          data-testid="scheme-save"
        >
          <div className="space-y-4">
            {conflict && (
              <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="scheme-conflict">
                <p className="font-medium">{conflict}</p>
                <p>
                  The version saved meanwhile is shown above as the current scheme. Your edits are kept here: preview again to see what they change now, then
                  save.
                </p>
              </div>
            )}
            {failure && (
              <div
                role="alert"
                className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive"
                data-testid="form-error"
              >
                <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
                <div>
                  <p>{failure}</p>
                  {otherServerErrors.length > 0 && (
                    <ul className="list-disc pl-5">
                      {otherServerErrors.map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </div>
            )}
            <div className="flex flex-wrap items-end gap-3">
              <FormField label="Takes effect on" name="effectiveFrom" error={error("effectiveFrom")} className="w-48">
                <Input type="date" value={draft.effectiveFrom} onChange={(e) => edit({ ...draft, effectiveFrom: e.target.value }, "effectiveFrom")} />
              </FormField>
              <Button type="button" variant="outline" onClick={runPreview} disabled={!read.input || previewing}>
                {previewing && <Spinner label="Previewing" />}
                Preview change
              </Button>
              <ConfirmButton
                title={`Save the scheme as version ${(basedOn ?? 0) + 1}?`}
                description={
                  preview
                    ? `${previewSentence(preview.data)}. Every enrolled candidate's result is recomputed and the at-risk alerts are checked again.`
                    : undefined
                }
                confirmLabel="Save scheme"
                disabled={!previewCurrent}
                onConfirm={save}
              >
                Save scheme
              </ConfirmButton>
            </div>
            <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="save-hint">
              {!read.input
                ? "Fix the problems listed beside the editor to preview."
                : previewCurrent
                  ? "Previewed: save when the figures look right."
                  : preview
                    ? "The scheme changed since the preview: preview again before saving."
                    : "Preview the change before saving."}
            </p>
            {preview && (
              <div className={cn(!previewCurrent && "opacity-60")}>
                <SchemePreviewResult preview={preview.data} />
              </div>
            )}
          </div>
        </SectionCard>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-20 lg:self-start" aria-label="Checks">
        <SectionCard title="Checks" level={2} data-testid="scheme-checks">
          {read.problems.length === 0 && Object.keys(read.errors).length === 0 ? (
            <p className="flex items-start gap-2 text-sm text-emerald-700 dark:text-emerald-300">
              <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden /> The scheme can be used.
            </p>
          ) : (
            <ul className="space-y-2 text-sm text-destructive" data-testid="scheme-problems" aria-live="polite">
              {read.problems.map((p) => (
                <li key={p} className="flex items-start gap-2">
                  <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden /> {p}
                </li>
              ))}
              {read.problems.length === 0 && (
                <li className="flex items-start gap-2">
                  <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden /> Some fields need a value: see beside them.
                </li>
              )}
            </ul>
          )}
          <dl className="mt-4 grid grid-cols-[1fr_auto] gap-1 border-t pt-3 text-sm">
            <dt className="text-muted-foreground">Internal</dt>
            <dd className="tabular-nums">{read.partMax.internal} marks</dd>
            <dt className="text-muted-foreground">External</dt>
            <dd className="tabular-nums">{read.partMax.external} marks</dd>
            <dt className="font-medium">Total</dt>
            <dd className="font-medium tabular-nums">{read.partMax.internal + read.partMax.external} marks</dd>
          </dl>
          {dirty && <p className="mt-3 text-xs text-muted-foreground">Unsaved changes.</p>}
        </SectionCard>
      </aside>

      <AlertDialog open={pendingPreset !== null} onOpenChange={(open) => !open && setPendingPreset(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Replace your edits?</AlertDialogTitle>
            <AlertDialogDescription>
              The editor has changes that are not saved. “{pendingPreset?.name}” replaces the components, rounding and pass rules with its own.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Keep my edits</AlertDialogCancel>
            <AlertDialogAction onClick={() => pendingPreset && takePreset(pendingPreset)}>Use the preset</AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

function PresetPicker({ onChoose }: { onChoose: (p: SchemePreset) => void }) {
  const ref = React.useRef<HTMLDetailsElement>(null);
  return (
    <SectionCard title="Start from a preset" description="Copy a published scheme into the editor, then adjust it to your regulations.">
      <details ref={ref} className="group" data-testid="scheme-presets">
        <summary className="cursor-pointer text-sm font-medium text-primary hover:underline">Show the {SCHEME_PRESETS.length} presets</summary>
        <ul className="mt-3 divide-y rounded-md border">
          {SCHEME_PRESETS.map((p) => (
            <li key={p.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-start sm:justify-between">
              <div className="min-w-0 space-y-1">
                <p className="font-medium">{p.name}</p>
                <p className="text-xs text-muted-foreground">{p.source}</p>
                {p.assessments.length > 0 && (
                  <p className="text-xs text-muted-foreground">Suggested assessments: {p.assessments.map((a) => `${a.name} (/${a.maxScore})`).join(", ")}.</p>
                )}
              </div>
              <Button
                type="button"
                size="sm"
                variant="outline"
                className="shrink-0"
                onClick={() => {
                  ref.current?.removeAttribute("open");
                  onChoose(p);
                }}
                aria-label={`Use ${p.name}`}
              >
                Use
              </Button>
            </li>
          ))}
        </ul>
      </details>
    </SectionCard>
  );
}

function ComponentFields({
  c,
  index,
  error,
  canRemove,
  onChange,
  onRename,
  onSource,
  onRemove,
}: {
  c: ComponentDraft;
  index: number;
  error: (path: string) => string | undefined;
  canRemove: boolean;
  onChange: (patch: Partial<ComponentDraft>, field: string) => void;
  onRename: (name: string) => void;
  onSource: (source: ComponentDraft["source"]) => void;
  onRemove: () => void;
}) {
  const at = `scheme.components.${index}`;
  const id = (f: string) => `${c.uid}-${f}`;
  const title = c.name.trim() || `Component ${index + 1}`;
  return (
    <fieldset className="@container space-y-4 rounded-lg border p-4" data-testid={`component-${index}`}>
      <legend className="sr-only">{title}</legend>
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold" aria-hidden>
          {title}
        </h3>
        <Button type="button" variant="ghost" size="sm" onClick={onRemove} disabled={!canRemove} aria-label={`Remove ${title}`}>
          <Trash2 aria-hidden /> Remove
        </Button>
      </div>
      <div className="grid gap-4 @md:grid-cols-2 @3xl:grid-cols-4">
        <FormField label="Name" name={id("name")} error={error(`${at}.name`)}>
          <Input value={c.name} onChange={(e) => onRename(e.target.value)} maxLength={80} />
        </FormField>
        <FormField label="Key" name={id("key")} error={error(`${at}.key`)}>
          <Input value={c.key} onChange={(e) => onChange({ key: e.target.value, keyEdited: true }, "key")} maxLength={40} />
        </FormField>
        <FormField label="Part" name={id("part")} error={error(`${at}.part`)}>
          <NativeSelect value={c.part} onChange={(e) => onChange({ part: e.target.value as ComponentDraft["part"] }, "part")}>
            {PARTS.map((p) => (
              <option key={p} value={p}>
                {PART_LABELS[p]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Source" name={id("source")} error={error(`${at}.source`)}>
          <NativeSelect value={c.source} onChange={(e) => onSource(e.target.value as ComponentDraft["source"])}>
            <option value="assessments">Assessments</option>
            <option value="attendance">Attendance rate</option>
          </NativeSelect>
        </FormField>
      </div>
      {c.source === "assessments" ? (
        <div className="grid grid-cols-2 gap-4 @lg:grid-cols-4 @3xl:grid-cols-5">
          <FormField label="Aggregation" name={id("aggregation")} error={error(`${at}.aggregation`)} className="col-span-2 @lg:col-span-4 @3xl:col-span-1">
            <NativeSelect value={c.aggregation} onChange={(e) => onChange({ aggregation: e.target.value as ComponentDraft["aggregation"] }, "aggregation")}>
              {AGGREGATIONS.map((a) => (
                <option key={a} value={a}>
                  {AGGREGATION_LABELS[a]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField label="Best N" name={id("best")} error={error(`${at}.best`)}>
            <Input inputMode="numeric" value={c.best} placeholder="All" onChange={(e) => onChange({ best: e.target.value }, "best")} />
          </FormField>
          <FormField label="Drop lowest" name={id("dropLowest")} error={error(`${at}.dropLowest`)}>
            <Input inputMode="numeric" value={c.dropLowest} onChange={(e) => onChange({ dropLowest: e.target.value }, "dropLowest")} />
          </FormField>
          <FormField label="Drop highest" name={id("dropHighest")} error={error(`${at}.dropHighest`)}>
            <Input inputMode="numeric" value={c.dropHighest} onChange={(e) => onChange({ dropHighest: e.target.value }, "dropHighest")} />
          </FormField>
          <FormField label="Scaled maximum" name={id("max")} error={error(`${at}.max`)}>
            <Input inputMode="decimal" value={c.max} onChange={(e) => onChange({ max: e.target.value }, "max")} />
          </FormField>
        </div>
      ) : (
        <div className="space-y-3">
          <FormField label="Scaled maximum" name={id("max")} error={error(`${at}.max`)} description="The most marks attendance gives" className="w-48">
            <Input inputMode="decimal" value={c.max} onChange={(e) => onChange({ max: e.target.value }, "max")} />
          </FormField>
          <BandRows c={c} at={at} error={error} onChange={(bands) => onChange({ bands }, "bands")} />
        </div>
      )}
    </fieldset>
  );
}

function BandRows({
  c,
  at,
  error,
  onChange,
}: {
  c: ComponentDraft;
  at: string;
  error: (path: string) => string | undefined;
  onChange: (bands: ComponentDraft["bands"]) => void;
}) {
  const set = (j: number, patch: Partial<ComponentDraft["bands"][number]>) => onChange(c.bands.map((b, k) => (k === j ? { ...b, ...patch } : b)));
  return (
    <div className="space-y-2">
      <p className="text-sm font-medium">Attendance bands</p>
      <p className="text-xs text-muted-foreground">Each band runs from its rate up to the next band&apos;s, so no rate falls between bands.</p>
      {error(`${at}.bands`) && <p className="text-sm font-medium text-destructive">{error(`${at}.bands`)}</p>}
      <div className="overflow-x-auto">
        <table className="text-sm" data-testid="band-rows">
          <thead>
            <tr className="text-left text-muted-foreground">
              <th className="py-1 pr-2 font-medium sm:pr-3">From (%)</th>
              <th className="py-1 pr-2 font-medium sm:pr-3">Marks</th>
              <th className="py-1 pr-2 font-medium sm:pr-3">Covers</th>
              <th className="sr-only">Remove</th>
            </tr>
          </thead>
          <tbody>
            {c.bands.map((b, j) => {
              const interval = bandInterval(c.bands, j);
              const minError = error(`${at}.bands.${j}.min`);
              const marksError = error(`${at}.bands.${j}.marks`);
              const rowLabel = `band ${j + 1}`;
              return (
                <tr key={b.uid} className="align-top">
                  <td className="py-1 pr-2 sm:pr-3">
                    <Input
                      className="w-16 sm:w-24"
                      inputMode="decimal"
                      aria-label={`From (%), ${rowLabel}`}
                      aria-invalid={minError ? true : undefined}
                      aria-describedby={minError ? `${b.uid}-min-error` : undefined}
                      value={b.min}
                      onChange={(e) => set(j, { min: e.target.value })}
                    />
                    <p id={`${b.uid}-min-error`} className="mt-1 text-sm font-medium text-destructive empty:hidden">
                      {minError}
                    </p>
                  </td>
                  <td className="py-1 pr-2 sm:pr-3">
                    <Input
                      className="w-16 sm:w-24"
                      inputMode="decimal"
                      aria-label={`Marks, ${rowLabel}`}
                      aria-invalid={marksError ? true : undefined}
                      aria-describedby={marksError ? `${b.uid}-marks-error` : undefined}
                      value={b.marks}
                      onChange={(e) => set(j, { marks: e.target.value })}
                    />
                    <p id={`${b.uid}-marks-error`} className="mt-1 text-sm font-medium text-destructive empty:hidden">
                      {marksError}
                    </p>
                  </td>
                  <td className="whitespace-nowrap pb-1 pr-2 pt-3 text-xs tabular-nums sm:pr-3 sm:text-sm" data-testid="band-interval">
                    {interval ? `${interval} → ${b.marks.trim() || "?"}` : "—"}
                  </td>
                  <td className="py-1">
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove ${rowLabel}`}
                      onClick={() => onChange(c.bands.filter((_, k) => k !== j))}
                    >
                      <Trash2 aria-hidden />
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Button type="button" variant="outline" size="sm" disabled={c.bands.length >= MAX_BANDS} onClick={() => onChange([...c.bands, blankBand()])}>
        <Plus aria-hidden /> Add band
      </Button>
    </div>
  );
}
