"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { ActionResult } from "@/lib/action";

/** Delete with a confirmation; a refusal (still referenced…) is shown with its reason. */
export function DeleteButton({
  id,
  label,
  description,
  action,
  redirectTo,
}: {
  id: number;
  label: string;
  description: string;
  action: (prev: null, input: { id: number }) => Promise<ActionResult<unknown>>;
  redirectTo?: string;
}) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="ghost"
      size="sm"
      destructive
      title={`Delete ${label}?`}
      description={description}
      confirmLabel="Delete"
      onConfirm={async () => {
        const r = await action(null, { id });
        if (r.ok) {
          toast.success(`${label} deleted`);
          if (redirectTo) router.push(redirectTo);
          else router.refresh();
        } else toast.error(r.message, { duration: 8000 });
      }}
    >
      Delete
    </ConfirmButton>
  );
}
