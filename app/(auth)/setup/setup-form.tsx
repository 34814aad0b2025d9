"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { PASSWORD_HINT } from "@/components/forms/password-hint";
import { setupAction } from "./actions";

export function SetupForm() {
  const [state, formAction, pending] = useActionState(setupAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField label="Full name" name="fullName" error={errors?.fullName?.[0]} required>
        <Input name="fullName" autoComplete="name" defaultValue={values?.fullName} />
      </FormField>
      <FormField label="Email" name="email" error={errors?.email?.[0]} required>
        <Input type="email" name="email" autoComplete="username" defaultValue={values?.email} />
      </FormField>
      <FormField label="Password" name="password" error={errors?.password?.[0]} description={PASSWORD_HINT} required>
        <Input type="password" name="password" autoComplete="new-password" />
      </FormField>
      <FormField label="Confirm password" name="confirmPassword" error={errors?.confirmPassword?.[0]} required>
        <Input type="password" name="confirmPassword" autoComplete="new-password" />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create admin account"}
      </Button>
    </form>
  );
}
