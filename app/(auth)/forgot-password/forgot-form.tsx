"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { forgotPasswordAction } from "./actions";

export function ForgotForm() {
  const [state, formAction, pending] = useActionState(forgotPasswordAction, null);
  if (state?.ok) {
    return (
      <p className="text-sm" data-testid="reset-requested">
        If an account exists for that email, a link to reset the password is on its way. It works once and expires in 24 hours.
      </p>
    );
  }
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField label="Email" name="email" error={errors?.email?.[0]} required>
        <Input type="email" name="email" autoComplete="username" defaultValue={state && !state.ok ? state.values?.email : undefined} />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a reset link"}
      </Button>
    </form>
  );
}
