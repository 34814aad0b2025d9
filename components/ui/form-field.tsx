import * as React from "react";
import { cn } from "@/lib/utils";

type ControlProps = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string; "aria-required"?: boolean };

/**
 * Label, control, hint and the field's error beside it. The control gets its id,
 * aria-invalid and aria-describedby wired up, so the error is read with the field.
 */
function FormField({
  label,
  name,
  error,
  description,
  required,
  className,
  id,
  children,
}: {
  label: React.ReactNode;
  name: string;
  error?: string;
  description?: React.ReactNode;
  required?: boolean;
  className?: string;
  id?: string;
  children: React.ReactElement<ControlProps>;
}) {
  const controlId = id ?? children.props.id ?? name;
  const errorId = `${controlId}-error`;
  const descId = `${controlId}-description`;
  const describedBy = [children.props["aria-describedby"], description ? descId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  const control = React.cloneElement(children, {
    id: controlId,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    "aria-required": required || undefined,
  });
  return (
    <div data-slot="form-field" className={cn("grid gap-2", className)}>
      {/* The required mark is drawn by CSS so it is not part of the label's text. */}
      <label htmlFor={controlId} className={cn("text-sm font-medium leading-none", required && "after:ml-0.5 after:text-destructive after:content-['*']")}>
        {label}
      </label>
      {control}
      {description && (
        <p id={descId} className="text-xs text-muted-foreground">
          {description}
        </p>
      )}
      {/* Always rendered so the live region exists before the error arrives; empty, it takes no space. */}
      <p id={errorId} className="text-sm font-medium text-destructive empty:-mt-2" aria-live="polite">
        {error}
      </p>
    </div>
  );
}

/** The first error of a field, in a live region that stays mounted (reference `id` from the control's aria-describedby). */
function FieldError({ id, errors, className }: { id?: string; errors?: string[]; className?: string }) {
  return (
    <p id={id} className={cn("text-sm font-medium text-destructive", className)} aria-live="polite">
      {errors?.[0]}
    </p>
  );
}

export { FieldError, FormField };
