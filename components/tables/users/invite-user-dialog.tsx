"use client";

import { useActionState, useState } from "react";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormMessage } from "@/components/forms/form-message";
import { CopyLink } from "@/components/forms/copy-link";
import { ROLES, ROLE_LABELS } from "@/lib/constants";
import { inviteUserAction } from "@/app/(staff)/admin/users/actions";

export function InviteUserDialog() {
  const [open, setOpen] = useState(false);
  const [formKey, setFormKey] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setFormKey((k) => k + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden /> Invite user
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite a staff member</DialogTitle>
          <DialogDescription>They get a link to set their own password. Markbook never asks you to choose one for them.</DialogDescription>
        </DialogHeader>
        <InviteForm key={formKey} onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}

function InviteForm({ onDone }: { onDone: () => void }) {
  const [state, formAction, pending] = useActionState(inviteUserAction, null);
  if (state?.ok) {
    return (
      <div className="space-y-4" data-testid="invite-result">
        <p className="text-sm">
          <strong>{state.data.email}</strong> has been invited.{" "}
          {state.data.emailed === "sent"
            ? "The invitation was emailed to them."
            : "The email could not be sent yet (it will be retried); share the link yourself if it is urgent."}
        </p>
        <CopyLink link={state.data.link} label="Invitation link" />
        <DialogFooter>
          <Button onClick={onDone}>Done</Button>
        </DialogFooter>
      </div>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField label="Full name" name="fullName" error={errors?.fullName?.[0]} required>
        <Input name="fullName" defaultValue={values?.fullName} />
      </FormField>
      <FormField label="Email" name="email" error={errors?.email?.[0]} required>
        <Input type="email" name="email" defaultValue={values?.email} />
      </FormField>
      <FormField label="Role" name="role" error={errors?.role?.[0]} required>
        <NativeSelect name="role" defaultValue={values?.role ?? "faculty"}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <DialogFooter>
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Create invitation"}
        </Button>
      </DialogFooter>
    </form>
  );
}
