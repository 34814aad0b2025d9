"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormMessage } from "@/components/forms/form-message";
import { PASSWORD_HINT } from "@/components/forms/password-hint";
import { setPasswordAction } from "./actions";

export function SetPasswordForm({ token, kind, email }: { token: string; kind: "invite" | "reset"; email: string }) {
  const [state, formAction, pending] = useActionState(setPasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="kind" value={kind} />
      {/* Lets password managers store the new password against the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormField label="New password" name="password" error={errors?.password?.[0]} description={PASSWORD_HINT} required>
        <Input type="password" name="password" autoComplete="new-password" autoFocus />
      </FormField>
      <FormField label="Confirm password" name="confirmPassword" error={errors?.confirmPassword?.[0]} required>
        <Input type="password" name="confirmPassword" autoComplete="new-password" />
      </FormField>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : kind === "invite" ? "Set password and sign in" : "Reset password and sign in"}
      </Button>
    </form>
  );
}
