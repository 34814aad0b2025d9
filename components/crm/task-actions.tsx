"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DeleteButton } from "@/components/crm/delete-button";
import { deleteTaskAction, setTaskStatusAction } from "@/app/(staff)/tasks/actions";
import type { TaskStatus } from "@/lib/constants";

export function CompleteTaskButton({ id, status, title }: { id: number; status: TaskStatus; title: string }) {
  const router = useRouter();
  const done = status === "done";
  return (
    <Button
      variant={done ? "ghost" : "outline"}
      size="sm"
      aria-label={done ? `Reopen ${title}` : `Complete ${title}`}
      onClick={async () => {
        const r = await setTaskStatusAction(null, { id, status: done ? "open" : "done" });
        if (r.ok) {
          toast.success(done ? "Task reopened" : "Task completed");
          router.refresh();
        } else toast.error(r.message);
      }}
    >
      {done ? (
        "Reopen"
      ) : (
        <>
          <Check className="size-4" aria-hidden /> Complete
        </>
      )}
    </Button>
  );
}

export function DeleteTaskButton({ id, title }: { id: number; title: string }) {
  return <DeleteButton id={id} label={title} description="The task is removed; the audit trail keeps a copy." action={deleteTaskAction} />;
}
