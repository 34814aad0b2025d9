"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { FormDialog } from "@/components/forms/form-dialog";
import { createTermAction, deleteProgramAction, lockTermAction, unlockTermAction, updateTermAction } from "@/app/(staff)/academics/actions";

type Term = { id: number; name: string; startsOn: string; endsOn: string };

export function TermDialog({ term, trigger }: { term?: Term; trigger?: React.ReactNode }) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>New term</Button>}
      title={term ? `Edit ${term.name}` : "New term"}
      action={term ? updateTermAction : createTermAction}
      submitLabel={term ? "Save term" : "Create term"}
      successMessage={term ? "Term saved" : "Term created"}
    >
      {({ errors, values }) => (
        <>
          {term && <input type="hidden" name="id" value={term.id} />}
          <FormField label="Name" name="name" error={errors?.name?.[0]} required>
            <Input name="name" defaultValue={values?.name ?? term?.name} placeholder="Semester 1, 2026–27" />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Starts" name="startsOn" error={errors?.startsOn?.[0]} required>
              <Input type="date" name="startsOn" defaultValue={values?.startsOn ?? term?.startsOn} />
            </FormField>
            <FormField label="Ends" name="endsOn" error={errors?.endsOn?.[0]} required>
              <Input type="date" name="endsOn" defaultValue={values?.endsOn ?? term?.endsOn} />
            </FormField>
          </div>
        </>
      )}
    </FormDialog>
  );
}

export function LockTermButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="outline"
      size="sm"
      title={`Lock ${name}?`}
      description="Its marks and attendance become final. Unlocking later needs a reason, which is kept in the audit trail."
      confirmLabel="Lock term"
      onConfirm={async () => {
        const r = await lockTermAction(null, { id });
        if (r.ok) {
          toast.success(`${name} locked`);
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      Lock
    </ConfirmButton>
  );
}

export function UnlockTermDialog({ id, name }: { id: number; name: string }) {
  return (
    <FormDialog
      trigger={
        <Button variant="outline" size="sm">
          Unlock…
        </Button>
      }
      title={`Unlock ${name}`}
      description="Marks become editable again. Say why; the reason is recorded with your name."
      action={unlockTermAction}
      submitLabel="Unlock term"
      successMessage={`${name} unlocked`}
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="id" value={id} />
          <FormField label="Reason" name="reason" error={errors?.reason?.[0]} required>
            <Textarea name="reason" defaultValue={values?.reason} placeholder="e.g. Re-marking after an appeal" />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}

export function DeleteProgramButton({ id, code }: { id: number; code: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="ghost"
      size="sm"
      destructive
      title={`Delete ${code}?`}
      description="Only a program with no courses and no candidates can be deleted."
      confirmLabel="Delete"
      onConfirm={async () => {
        const r = await deleteProgramAction(null, { id });
        if (r.ok) {
          toast.success(`${code} deleted`);
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      Delete
    </ConfirmButton>
  );
}
