"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormMessage } from "@/components/forms/form-message";
import { eraseCandidateAction } from "@/app/(staff)/candidates/actions";

/**
 * Erasure asks for the candidate number to be typed again and a reason; the server checks
 * both, and its errors show beside the fields with what was typed kept.
 */
export function EraseCandidateDialog({ candidateId, candidateNumber, name }: { candidateId: number; candidateNumber: string; name: string }) {
  const [open, setOpen] = React.useState(false);
  // A fresh form (and result) each time the dialog opens.
  const [key, setKey] = React.useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setKey((k) => k + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="destructive">Erase candidate…</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Erase {name}?</DialogTitle>
          <DialogDescription>
            Their name, contact details, date of birth, notes, guardians, interactions, task details, mark feedback, the enquiry they came from and the emails
            about them are erased for good, and their result links stop working. Marks, attendance and results are kept without their name, so course figures do
            not change. This cannot be undone.
          </DialogDescription>
        </DialogHeader>
        <EraseForm key={key} candidateId={candidateId} candidateNumber={candidateNumber} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function EraseForm({ candidateId, candidateNumber, onDone }: { candidateId: number; candidateNumber: string; onDone: () => void }) {
  const router = useRouter();
  const [state, formAction, pending] = React.useActionState(eraseCandidateAction, null);
  React.useEffect(() => {
    if (state?.ok) {
      toast.success("The candidate's personal data was erased");
      onDone();
      router.refresh();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const failed = state && !state.ok ? state : null;
  const errors = failed?.fieldErrors;
  return (
    <form action={formAction} className="space-y-4" noValidate data-testid="erase-form">
      <FormMessage state={state} />
      <input type="hidden" name="id" value={candidateId} />
      <FormField label={`Type ${candidateNumber} to confirm`} name="confirm" error={errors?.confirm?.[0]} required>
        <Input name="confirm" autoComplete="off" spellCheck={false} defaultValue={failed?.values?.confirm} />
      </FormField>
      <FormField
        label="Reason"
        name="reason"
        error={errors?.reason?.[0]}
        description="Kept in the audit trail, e.g. the date and reference of the erasure request."
        required
      >
        <Textarea name="reason" rows={3} defaultValue={failed?.values?.reason} />
      </FormField>
      <DialogFooter>
        <DialogClose asChild>
          <Button type="button" variant="outline" disabled={pending}>
            Cancel
          </Button>
        </DialogClose>
        <Button type="submit" variant="destructive" disabled={pending}>
          {pending ? "Erasing…" : "Erase for good"}
        </Button>
      </DialogFooter>
    </form>
  );
}
