"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { revokeLinkAction } from "@/app/(staff)/candidates/actions";

export function RevokeLinkButton({ id, candidateId, recipient }: { id: number; candidateId: number; recipient: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="outline"
      size="sm"
      destructive
      title={`Revoke the link sent to ${recipient}?`}
      description="It stops working immediately. Send a new report to give them a new link."
      confirmLabel="Revoke"
      onConfirm={async () => {
        const r = await revokeLinkAction(null, { id, candidateId });
        if (r.ok) {
          toast.success("Link revoked");
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      Revoke
    </ConfirmButton>
  );
}
