"use client";

import { useEffect, useRef } from "react";
import { CircleAlert } from "lucide-react";
import type { ActionResult } from "@/lib/action";

/** The form-level outcome of an action: a failure message above the fields, focused so it is read out. */
export function FormMessage({ state }: { state: ActionResult<unknown> | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const failed = state && !state.ok;
  useEffect(() => {
    if (failed) ref.current?.focus();
  }, [failed, state]);
  if (!failed) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      data-testid="form-error"
      aria-live="assertive"
      className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive outline-none"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span>{state.message}</span>
    </div>
  );
}
