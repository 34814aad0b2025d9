"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action";
import { FormMessage } from "@/components/forms/form-message";
import type { FormState } from "@/components/forms/form-dialog";

/** An inline form wired to one action: errors beside fields, typed values kept, a toast when saved. */
export function ActionForm<T>({
  action,
  children,
  submitLabel = "Save",
  successMessage = "Saved",
  className,
  testId,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  children: (state: FormState) => React.ReactNode;
  submitLabel?: string;
  successMessage?: string;
  className?: string;
  testId?: string;
}) {
  const router = useRouter();
  const [state, formAction, pending] = React.useActionState(action, null);
  React.useEffect(() => {
    if (state?.ok) {
      toast.success(successMessage);
      router.refresh();
    }
  }, [state, successMessage, router]);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className={className ?? "space-y-4"} noValidate data-testid={testId}>
      <FormMessage state={state} />
      {children({ errors: failed?.fieldErrors, values: failed?.values })}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
