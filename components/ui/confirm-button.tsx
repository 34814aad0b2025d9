"use client";

import * as React from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";

type ConfirmButtonProps = {
  children: React.ReactNode;
  title: string;
  description?: React.ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  destructive?: boolean;
  variant?: React.ComponentProps<typeof Button>["variant"];
  size?: React.ComponentProps<typeof Button>["size"];
  disabled?: boolean;
  className?: string;
  "aria-label"?: string;
} & (
  | { onConfirm: () => void | Promise<void>; action?: never; fields?: never }
  | {
      /** A form action (e.g. a server action) called with `fields` as its FormData. */
      action: (formData: FormData) => void | Promise<void>;
      fields?: Record<string, string | number>;
      onConfirm?: never;
    }
);

/** A destructive or weighty action that asks first; the dialog stays open, busy, until the work is done. */
export function ConfirmButton(props: ConfirmButtonProps) {
  const { children, title, description, confirmLabel = "Confirm", cancelLabel = "Cancel", destructive = false, variant, size, disabled, className } = props;
  const [open, setOpen] = React.useState(false);
  const [pending, start] = React.useTransition();

  const run = async () => {
    if (props.action) {
      const formData = new FormData();
      for (const [key, value] of Object.entries(props.fields ?? {})) formData.set(key, String(value));
      await props.action(formData);
    } else {
      await props.onConfirm();
    }
  };

  return (
    <AlertDialog open={open} onOpenChange={(next) => !pending && setOpen(next)}>
      <AlertDialogTrigger asChild>
        <Button
          variant={variant ?? (destructive ? "destructive" : "default")}
          size={size}
          disabled={disabled || pending}
          className={className}
          aria-label={props["aria-label"]}
        >
          {children}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent aria-busy={pending || undefined} {...(!description && { "aria-describedby": undefined })}>
        <AlertDialogHeader>
          <AlertDialogTitle>{title}</AlertDialogTitle>
          {description && <AlertDialogDescription>{description}</AlertDialogDescription>}
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>{cancelLabel}</AlertDialogCancel>
          <AlertDialogAction
            className={cn(destructive && buttonVariants({ variant: "destructive" }))}
            disabled={pending}
            onClick={(e) => {
              // Keep the dialog open (and its focus trap) while the work runs; close when it is done.
              e.preventDefault();
              start(async () => {
                await run();
                setOpen(false);
              });
            }}
          >
            {pending && <Spinner label="Working" />}
            {confirmLabel}
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
