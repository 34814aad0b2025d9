"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { undoImportAction } from "@/app/(staff)/imports/actions";

export function UndoImportButton({ id, fileName }: { id: number; fileName: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="outline"
      size="sm"
      title={`Undo import #${id}?`}
      description={`Every change from ${fileName} is reverted, with the history kept. Refused if anything was changed since.`}
      confirmLabel="Undo import"
      onConfirm={async () => {
        const r = await undoImportAction(null, { id });
        if (r.ok) {
          toast.success(`Import #${id} undone`);
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      Undo
    </ConfirmButton>
  );
}
