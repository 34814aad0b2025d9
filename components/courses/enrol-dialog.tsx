"use client";

import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { enrolAction } from "@/app/(staff)/courses/[id]/actions";

export function EnrolDialog({ courseId, programs }: { courseId: number; programs: { id: number; label: string }[] }) {
  return (
    <FormDialog
      trigger={<Button variant="outline">Enrol candidates</Button>}
      title="Enrol candidates"
      description="Paste candidate numbers (one per line, or separated by commas), or enrol every active candidate of a program. Those already enrolled are left as they are."
      action={enrolAction}
      submitLabel="Enrol"
      successMessage={(d) => `${d.added} enrolled${d.already ? `, ${d.already} already were` : ""}`}
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="courseId" value={courseId} />
          <FormField label="Candidate numbers" name="numbers" error={errors?.numbers?.[0]}>
            <Textarea name="numbers" rows={5} defaultValue={values?.numbers} placeholder={"MB-2026-0001\nMB-2026-0002"} />
          </FormField>
          <FormField label="Or everyone active in a program" name="programId" error={errors?.programId?.[0]}>
            <NativeSelect name="programId" defaultValue={values?.programId ?? ""}>
              <option value="">No program</option>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        </>
      )}
    </FormDialog>
  );
}
