"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { TASK_STATUSES, TASK_STATUS_LABELS, type TaskStatus } from "@/lib/constants";
import { createTaskAction, updateTaskAction } from "@/app/(staff)/tasks/actions";

type Task = {
  id: number;
  title: string;
  description: string | null;
  dueAt: string | null;
  ownerId: number | null;
  status: TaskStatus;
  leadId: number | null;
  candidateId: number | null;
};

/** "2026-11-24T16:00" in the browser's local time, for a datetime-local input. */
function localInput(iso: string | null | undefined) {
  if (!iso) return "";
  const d = new Date(iso);
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}

export function TaskDialog({
  task,
  trigger,
  owners,
  leads,
  leadId,
  candidateId,
  candidateName,
}: {
  task?: Task;
  trigger?: React.ReactNode;
  owners: { id: number; label: string }[];
  leads?: { id: number; label: string }[];
  leadId?: number;
  candidateId?: number;
  candidateName?: string;
}) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>New task</Button>}
      title={task ? "Edit task" : "Create task"}
      description="Tasks help you track follow-ups and reminders."
      action={task ? updateTaskAction : createTaskAction}
      submitLabel={task ? "Save task" : "Create task"}
      successMessage={task ? "Task saved" : "Task created"}
    >
      {({ errors, values }) => (
        <>
          {task && <input type="hidden" name="id" value={task.id} />}
          {/* The browser's time zone, so "16:00" means 16:00 where the person is. */}
          <FormField label="Title" name="title" error={errors?.title?.[0]} required>
            <Input name="title" defaultValue={values?.title ?? task?.title} placeholder="Short title for the task" />
          </FormField>
          <FormField label="Description (optional)" name="description" error={errors?.description?.[0]}>
            <Textarea name="description" rows={3} defaultValue={values?.description ?? task?.description ?? ""} placeholder="Details about the task" />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Due (optional)" name="dueAtLocal" error={errors?.dueAt?.[0]}>
              <Input
                type="datetime-local"
                name="dueAtLocal"
                defaultValue={values?.dueAtLocal ?? localInput(task?.dueAt)}
                onChange={(e) => {
                  const hidden = e.currentTarget.form?.elements.namedItem("dueAt") as HTMLInputElement | null;
                  if (hidden) hidden.value = e.currentTarget.value ? new Date(e.currentTarget.value).toISOString() : "";
                }}
              />
            </FormField>
            <input type="hidden" name="dueAt" defaultValue={values?.dueAt ?? task?.dueAt ?? ""} />
            <FormField label="Owner" name="ownerId" error={errors?.ownerId?.[0]}>
              <NativeSelect name="ownerId" defaultValue={values?.ownerId ?? String(task?.ownerId ?? "")}>
                <option value="">Me</option>
                {owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Status" name="status" error={errors?.status?.[0]}>
              <NativeSelect name="status" defaultValue={values?.status ?? task?.status ?? "open"}>
                {TASK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {TASK_STATUS_LABELS[s]}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            {leads && !candidateId && (
              <FormField label="Related lead (optional)" name="leadId" error={errors?.leadId?.[0]}>
                <NativeSelect name="leadId" defaultValue={values?.leadId ?? String(task?.leadId ?? leadId ?? "")}>
                  <option value="">No lead</option>
                  {leads.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            )}
          </div>
          {!leads && leadId && <input type="hidden" name="leadId" value={leadId} />}
          {(candidateId || task?.candidateId) && <input type="hidden" name="candidateId" value={candidateId ?? task?.candidateId ?? ""} />}
          {candidateName && <p className="text-sm text-muted-foreground">For {candidateName}</p>}
        </>
      )}
    </FormDialog>
  );
}
