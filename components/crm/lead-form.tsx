"use client";

import * as React from "react";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { ContactPicker, InstitutionPicker } from "@/components/crm/pickers";
import type { ComboOption } from "@/components/forms/combobox";
import { LEAD_STATUSES, type LeadStatus } from "@/lib/constants";
import type { ActionResult } from "@/lib/action";

export type LeadDraft = {
  id?: number;
  studentName?: string;
  email?: string;
  phone?: string;
  programOfInterest?: string;
  source?: string;
  institution?: ComboOption | null;
  contact?: ComboOption | null;
  status?: LeadStatus;
  ownerId?: number | null;
  notes?: string | null;
  followUpOn?: string | null;
  nextStep?: string | null;
};

type Dup = { id: number; studentName: string; email: string; phone: string; status: string };

export function LeadForm({
  action,
  initial = {},
  owners,
  programs,
  sources,
  submitLabel,
}: {
  action: (prev: ActionResult<{ id: number }> | null, fd: FormData) => Promise<ActionResult<{ id: number }>>;
  initial?: LeadDraft;
  owners: { id: number; label: string }[];
  programs: string[];
  sources: string[];
  submitLabel: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = React.useActionState(action, null);
  const [contact, setContact] = React.useState<ComboOption | null>(initial.contact ?? null);
  const [institution, setInstitution] = React.useState<ComboOption | null>(initial.institution ?? null);
  React.useEffect(() => {
    if (state?.ok) {
      toast.success(initial.id ? "Lead saved" : "Lead created");
      router.push(`/leads/${state.data.id}`);
    }
  }, [state, router, initial.id]);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  const v = failed?.values;
  const dups = failed?.code === "conflict" ? ((failed.details as { duplicates?: Dup[] } | undefined)?.duplicates ?? []) : [];
  const val = (k: keyof LeadDraft) => v?.[k] ?? (initial[k] as string | null | undefined) ?? "";

  return (
    <form action={formAction} className="max-w-3xl space-y-6" noValidate>
      <FormMessage state={state} />
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {dups.length > 0 && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="duplicates">
          <p className="font-medium">Possible duplicates:</p>
          <ul className="list-inside list-disc">
            {dups.map((d) => (
              <li key={d.id}>
                <Link href={`/leads/${d.id}`} className="text-primary underline">
                  {d.studentName}
                </Link>{" "}
                — {d.email}, {d.phone} ({d.status})
              </li>
            ))}
          </ul>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirmDuplicate" className="size-4 accent-primary" /> Create anyway — this is a different person
          </label>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Student name" name="studentName" error={errors?.studentName?.[0]} required>
          <Input name="studentName" defaultValue={val("studentName")} placeholder="Full name of the student" />
        </FormField>
        <FormField label="Email" name="email" error={errors?.email?.[0]} required>
          <Input type="email" name="email" defaultValue={val("email")} placeholder="student@example.com" />
        </FormField>
        <FormField label="Phone" name="phone" error={errors?.phone?.[0]} required>
          <Input type="tel" name="phone" defaultValue={val("phone")} placeholder="+91 98765 43210" />
        </FormField>
        <FormField label="Program interested in" name="programOfInterest" error={errors?.programOfInterest?.[0]} required>
          <Input name="programOfInterest" defaultValue={val("programOfInterest")} placeholder="e.g. MBA, B.Sc Computer Science" list="lead-programs" />
        </FormField>
        <FormField label="Source" name="source" error={errors?.source?.[0]} required>
          <Input name="source" defaultValue={val("source")} placeholder="e.g. School counsellor referral, Website form, Education fair" list="lead-sources" />
        </FormField>
        <FormField label="Status" name="status" error={errors?.status?.[0]}>
          <NativeSelect name="status" defaultValue={val("status") || "New"}>
            {LEAD_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Contact person (optional)"
          name="contactId"
          error={errors?.contactId?.[0]}
          description={
            contact && !institution
              ? `The lead takes ${contact.hint ? contact.hint : "the contact's institution"} as its institution.`
              : "The referrer at a partner institution."
          }
        >
          <ContactPicker name="contactId" initial={initial.contact} onChange={setContact} />
        </FormField>
        <FormField label="Institution (optional)" name="institutionId" error={errors?.institutionId?.[0]}>
          <InstitutionPicker name="institutionId" initial={initial.institution} onChange={setInstitution} />
        </FormField>
        <FormField label="Owner" name="ownerId" error={errors?.ownerId?.[0]}>
          <NativeSelect name="ownerId" defaultValue={String(v?.ownerId ?? initial.ownerId ?? "")}>
            <option value="">Me</option>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField label="Follow-up date (optional)" name="followUpOn" error={errors?.followUpOn?.[0]}>
          <Input type="date" name="followUpOn" defaultValue={val("followUpOn")} />
        </FormField>
        <FormField label="Next step (optional)" name="nextStep" error={errors?.nextStep?.[0]} className="sm:col-span-2">
          <Input name="nextStep" defaultValue={val("nextStep")} placeholder="e.g. Call on follow-up date, Send scholarship details" />
        </FormField>
        <FormField label="Notes (optional)" name="notes" error={errors?.notes?.[0]} className="sm:col-span-2">
          <Textarea name="notes" rows={3} defaultValue={val("notes")} placeholder="Scholarship interest, parents' preferences, deadlines…" />
        </FormField>
      </div>
      <datalist id="lead-programs">
        {programs.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <datalist id="lead-sources">
        {sources.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
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
