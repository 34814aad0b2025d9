"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { createSessionAction } from "@/app/(staff)/courses/[id]/attendance/actions";

export function NewSessionDialog({ courseId }: { courseId: number }) {
  const router = useRouter();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <FormDialog
      trigger={<Button>Take attendance</Button>}
      title="New session"
      description="Everyone starts as present; mark the exceptions on the register."
      action={createSessionAction}
      submitLabel="Open register"
      onSuccess={(d) => router.push(`/courses/${courseId}/attendance/${d.id}`)}
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="courseId" value={courseId} />
          <FormField label="Date" name="heldOn" error={errors?.heldOn?.[0]} required>
            <Input type="date" name="heldOn" defaultValue={values?.heldOn ?? today} />
          </FormField>
          <FormField label="Topic" name="topic" error={errors?.topic?.[0]}>
            <Input name="topic" defaultValue={values?.topic} placeholder="e.g. Newton's laws" />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}
