"use client";

import { useActionState, useEffect, useRef } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { PASSWORD_HINT } from "@/components/forms/password-hint";
import { changePasswordAction, updateProfileAction } from "./actions";

export function ProfileForm({ fullName, email }: { fullName: string; email: string }) {
  const [state, formAction, pending] = useActionState(updateProfileAction, null);
  useEffect(() => {
    if (state?.ok) toast.success("Profile saved");
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField label="Full name" name="fullName" error={errors?.fullName?.[0]} required>
        <Input name="fullName" autoComplete="name" defaultValue={values?.fullName ?? fullName} />
      </FormField>
      <FormField label="Email" name="email" error={errors?.email?.[0]} required>
        <Input type="email" name="email" autoComplete="email" defaultValue={values?.email ?? email} />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const [state, formAction, pending] = useActionState(changePasswordAction, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) {
      toast.success("Password changed. Other sessions have been signed out.");
      formRef.current?.reset();
    }
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField label="Current password" name="currentPassword" error={errors?.currentPassword?.[0]} required>
        <Input type="password" name="currentPassword" autoComplete="current-password" />
      </FormField>
      <FormField label="New password" name="newPassword" error={errors?.newPassword?.[0]} description={PASSWORD_HINT} required>
        <Input type="password" name="newPassword" autoComplete="new-password" />
      </FormField>
      <FormField label="Confirm new password" name="confirmPassword" error={errors?.confirmPassword?.[0]} required>
        <Input type="password" name="confirmPassword" autoComplete="new-password" />
      </FormField>
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
