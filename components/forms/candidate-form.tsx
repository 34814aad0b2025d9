"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { CANDIDATE_STATUSES, CONTACT_METHODS, type CandidateStatus, type ContactMethod } from "@/lib/constants";
import type { ActionResult } from "@/lib/action";
import { FormMessage } from "./form-message";

type Option = { id: number; label: string };
export type GuardianDraft = {
  id?: number;
  fullName: string;
  relationship: string | null;
  email: string | null;
  phone: string | null;
  preferredContact: ContactMethod;
  receivesReports: boolean;
};
export type CandidateDraft = {
  id?: number;
  candidateNumber?: string;
  fullName?: string;
  email?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  programId?: number | null;
  institutionId?: number | null;
  advisorId?: number | null;
  status?: CandidateStatus;
  enrolledOn?: string | null;
  notes?: string | null;
  consentToEmail?: boolean;
  leadId?: number | null;
  guardians?: GuardianDraft[];
};

const blankGuardian = (): GuardianDraft & { key: number } => ({
  key: Math.random(),
  fullName: "",
  relationship: "",
  email: "",
  phone: "",
  preferredContact: "email",
  receivesReports: true,
});

export function CandidateForm<T extends { id: number }>({
  action,
  initial = {},
  programs,
  institutions,
  advisors,
  advisorFixed,
  submitLabel,
  leads,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  initial?: CandidateDraft;
  programs: Option[];
  institutions: Option[];
  advisors: Option[];
  /** Faculty add candidates as their own advisees: the advisor is shown, not chosen. */
  advisorFixed?: string;
  submitLabel: string;
  leads?: Option[];
}) {
  const router = useRouter();
  const [state, formAction, pending] = React.useActionState(action, null);
  const [guardians, setGuardians] = React.useState(() =>
    initial.guardians?.length ? initial.guardians.map((g) => ({ ...g, key: Math.random() })) : [blankGuardian()],
  );
  // Guardian rows are controlled, so what was typed survives a refused save.
  const upd = (key: number, patch: Partial<GuardianDraft>) => setGuardians((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  React.useEffect(() => {
    if (state?.ok) {
      toast.success(initial.id ? "Candidate saved" : "Candidate created");
      router.push(`/candidates/${state.data.id}`);
    }
  }, [state, router, initial.id]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const v = state && !state.ok ? state.values : undefined;
  const val = (k: keyof CandidateDraft, fallback?: string | number | null) => v?.[k] ?? (initial[k] as string | number | null | undefined) ?? fallback ?? "";

  return (
    <form action={formAction} className="max-w-4xl space-y-8" noValidate>
      <FormMessage state={state} />
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <section className="grid gap-4 sm:grid-cols-2" aria-labelledby="details-heading">
        <h2 id="details-heading" className="text-lg font-semibold sm:col-span-2">
          Candidate details
        </h2>
        {leads && leads.length > 0 && (
          <FormField
            label="Link lead (optional)"
            name="leadId"
            error={errors?.leadId?.[0]}
            description="Only leads marked Converted can be linked."
            className="sm:col-span-2"
          >
            <NativeSelect name="leadId" defaultValue={String(val("leadId"))}>
              <option value="">No lead</option>
              {leads.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        )}
        <FormField label="Full name" name="fullName" error={errors?.fullName?.[0]} required>
          <Input name="fullName" defaultValue={String(val("fullName"))} autoComplete="off" />
        </FormField>
        <FormField label="Candidate number" name="candidateNumber" error={errors?.candidateNumber?.[0]} description="Leave empty to number automatically.">
          <Input name="candidateNumber" defaultValue={String(val("candidateNumber"))} />
        </FormField>
        <FormField label="Email" name="email" error={errors?.email?.[0]}>
          <Input type="email" name="email" defaultValue={String(val("email"))} placeholder="student@example.com" />
        </FormField>
        <FormField label="Phone" name="phone" error={errors?.phone?.[0]}>
          <Input type="tel" name="phone" defaultValue={String(val("phone"))} placeholder="+91 98765 43210" />
        </FormField>
        <FormField label="Date of birth" name="dateOfBirth" error={errors?.dateOfBirth?.[0]}>
          <Input type="date" name="dateOfBirth" defaultValue={String(val("dateOfBirth"))} />
        </FormField>
        <FormField label="Enrolled on" name="enrolledOn" error={errors?.enrolledOn?.[0]}>
          <Input type="date" name="enrolledOn" defaultValue={String(val("enrolledOn", new Date().toISOString().slice(0, 10)))} />
        </FormField>
        <FormField label="Program" name="programId" error={errors?.programId?.[0]}>
          <NativeSelect name="programId" defaultValue={String(val("programId"))}>
            <option value="">No program</option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Institution (optional)" name="institutionId" error={errors?.institutionId?.[0]}>
          <NativeSelect name="institutionId" defaultValue={String(val("institutionId"))}>
            <option value="">None</option>
            {institutions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        {advisorFixed ? (
          <div className="grid gap-2">
            <span className="text-sm font-medium">Advisor</span>
            <p className="flex h-9 items-center rounded-md border bg-muted px-3 text-sm" data-testid="advisor-fixed">
              {advisorFixed} (you)
            </p>
          </div>
        ) : (
          <FormField label="Advisor" name="advisorId" error={errors?.advisorId?.[0]}>
            <NativeSelect name="advisorId" defaultValue={String(val("advisorId"))}>
              <option value="">No advisor</option>
              {advisors.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        )}
        <FormField label="Status" name="status" error={errors?.status?.[0]}>
          <NativeSelect name="status" defaultValue={String(val("status", "active"))}>
            {CANDIDATE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s[0].toUpperCase() + s.slice(1)}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Notes (optional)" name="notes" error={errors?.notes?.[0]} className="sm:col-span-2">
          <Textarea name="notes" rows={3} defaultValue={String(val("notes"))} placeholder="Scholarship interest, parents' preferences, deadlines…" />
        </FormField>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input
            type="checkbox"
            name="consentToEmail"
            defaultChecked={v ? v.consentToEmail === "on" : !!initial.consentToEmail}
            className="size-4 accent-primary"
          />
          The candidate agrees to receive progress reports by email
        </label>
      </section>

      <section className="space-y-4" aria-labelledby="guardians-heading">
        <div className="flex items-center justify-between">
          <h2 id="guardians-heading" className="text-lg font-semibold">
            Guardians
          </h2>
          <Button type="button" variant="outline" size="sm" onClick={() => setGuardians((g) => [...g, blankGuardian()])} disabled={guardians.length >= 10}>
            <Plus className="size-4" aria-hidden /> Add guardian
          </Button>
        </div>
        {errors?.guardians?.[0] && <p className="text-sm text-destructive">{errors.guardians[0]}</p>}
        {guardians.length === 0 && <p className="text-sm text-muted-foreground">No guardians. Add one to send them progress reports.</p>}
        {guardians.map((g, i) => (
          <fieldset key={g.key} className="grid gap-3 rounded-lg border p-4 sm:grid-cols-3" data-testid={`guardian-${i}`}>
            <legend className="px-1 text-sm font-medium">Guardian {i + 1}</legend>
            <input type="hidden" name="guardianId" value={g.id ?? ""} />
            <FormField label="Name" name={`guardianFullName-${i}`} error={errors?.[`guardians.${i}.fullName`]?.[0]}>
              <Input name="guardianFullName" value={g.fullName} onChange={(e) => upd(g.key, { fullName: e.target.value })} />
            </FormField>
            <FormField label="Relationship" name={`guardianRelationship-${i}`} error={errors?.[`guardians.${i}.relationship`]?.[0]}>
              <Input
                name="guardianRelationship"
                value={g.relationship ?? ""}
                onChange={(e) => upd(g.key, { relationship: e.target.value })}
                placeholder="Mother, Father, Guardian…"
              />
            </FormField>
            <FormField label="Email" name={`guardianEmail-${i}`} error={errors?.[`guardians.${i}.email`]?.[0]}>
              <Input type="email" name="guardianEmail" value={g.email ?? ""} onChange={(e) => upd(g.key, { email: e.target.value })} />
            </FormField>
            <FormField label="Phone" name={`guardianPhone-${i}`} error={errors?.[`guardians.${i}.phone`]?.[0]}>
              <Input type="tel" name="guardianPhone" value={g.phone ?? ""} onChange={(e) => upd(g.key, { phone: e.target.value })} />
            </FormField>
            <FormField label="Preferred contact" name={`guardianPreferredContact-${i}`}>
              <NativeSelect
                name="guardianPreferredContact"
                value={g.preferredContact}
                onChange={(e) => upd(g.key, { preferredContact: e.target.value as ContactMethod })}
              >
                {CONTACT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m === "sms" ? "SMS" : m[0].toUpperCase() + m.slice(1)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Receives reports" name={`guardianReceivesReports-${i}`}>
              <NativeSelect
                name="guardianReceivesReports"
                value={g.receivesReports ? "yes" : "no"}
                onChange={(e) => upd(g.key, { receivesReports: e.target.value === "yes" })}
              >
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </NativeSelect>
            </FormField>
            <div className="sm:col-span-3">
              <Button type="button" variant="ghost" size="sm" onClick={() => setGuardians((list) => list.filter((x) => x.key !== g.key))}>
                <Trash2 className="size-4" aria-hidden /> Remove guardian {i + 1}
              </Button>
            </div>
          </fieldset>
        ))}
      </section>

      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Button type="button" variant="outline" onClick={() => router.back()}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
