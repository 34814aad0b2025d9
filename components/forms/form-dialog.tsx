"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import type { ActionResult, FieldErrors } from "@/lib/action";
import { FormMessage } from "./form-message";

export type FormState = { errors?: FieldErrors; values?: Record<string, string> };

/**
 * A form in a dialog, wired to one server action: errors beside the fields, what was typed
 * kept on an error, a toast and a refresh on success.
 */
export function FormDialog<T>({
  trigger,
  title,
  description,
  action,
  submitLabel = "Save",
  successMessage,
  onSuccess,
  children,
  wide,
}: {
  trigger: React.ReactNode;
  title: string;
  description?: React.ReactNode;
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  submitLabel?: string;
  successMessage?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
  children: (state: FormState) => React.ReactNode;
  wide?: boolean;
}) {
  const [open, setOpen] = React.useState(false);
  const [key, setKey] = React.useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setKey((k) => k + 1);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className={wide ? "sm:max-w-2xl" : undefined}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          {description && <DialogDescription>{description}</DialogDescription>}
        </DialogHeader>
        <Inner
          key={key}
          action={action}
          submitLabel={submitLabel}
          onDone={(data) => {
            setOpen(false);
            setKey((k) => k + 1);
            if (successMessage) toast.success(typeof successMessage === "function" ? successMessage(data) : successMessage);
            onSuccess?.(data);
          }}
        >
          {children}
        </Inner>
      </DialogContent>
    </Dialog>
  );
}

function Inner<T>({
  action,
  submitLabel,
  onDone,
  children,
}: {
  action: (prev: ActionResult<T> | null, fd: FormData) => Promise<ActionResult<T>>;
  submitLabel: string;
  onDone: (data: T) => void;
  children: (state: FormState) => React.ReactNode;
}) {
  const router = useRouter();
  const [state, formAction, pending] = React.useActionState(action, null);
  React.useEffect(() => {
    if (state?.ok) {
      onDone(state.data);
      router.refresh();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const failed = state && !state.ok ? state : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      {children({ errors: failed?.fieldErrors, values: failed?.values })}
      <DialogFooter>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      </DialogFooter>
    </form>
  );
}
