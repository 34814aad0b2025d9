"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Button } from "@/components/ui/button";
import { removeAssessmentAction, restoreAssessmentAction } from "@/app/(staff)/courses/[id]/actions";

export function RemoveAssessmentButton({ id, courseId, name, markCount }: { id: number; courseId: number; name: string; markCount: number }) {
  const router = useRouter();
  return (
    <ConfirmButton
      variant="ghost"
      size="sm"
      destructive
      title={markCount ? `Archive ${name}?` : `Delete ${name}?`}
      description={
        markCount
          ? `It has ${markCount} mark(s), so it is archived, not deleted: the marks are kept, it stops counting in results, and you can restore it.`
          : "It has no marks yet, so it is deleted."
      }
      confirmLabel={markCount ? "Archive" : "Delete"}
      onConfirm={async () => {
        const r = await removeAssessmentAction(null, { id, courseId });
        if (r.ok) {
          toast.success(r.data.outcome === "archived" ? `${name} archived` : `${name} deleted`);
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      {markCount ? "Archive" : "Delete"}
    </ConfirmButton>
  );
}

export function RestoreAssessmentButton({ id, courseId, name }: { id: number; courseId: number; name: string }) {
  const router = useRouter();
  return (
    <Button
      variant="outline"
      size="sm"
      onClick={async () => {
        const r = await restoreAssessmentAction(null, { id, courseId });
        if (r.ok) {
          toast.success(`${name} restored`);
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      Restore
    </Button>
  );
}
