"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { createProgramAction, updateProgramAction } from "@/app/(staff)/academics/actions";

type Program = { id: number; code: string; name: string; durationMonths: number | null; gradingScaleId: number | null };

export function ProgramDialog({ program, scales, trigger }: { program?: Program; scales: { id: number; name: string }[]; trigger?: React.ReactNode }) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>New program</Button>}
      title={program ? `Edit ${program.code}` : "New program"}
      action={program ? updateProgramAction : createProgramAction}
      submitLabel={program ? "Save program" : "Create program"}
      successMessage={program ? "Program saved" : "Program created"}
    >
      {({ errors, values }) => (
        <>
          {program && <input type="hidden" name="id" value={program.id} />}
          <div className="grid gap-4 sm:grid-cols-[1fr_2fr]">
            <FormField label="Code" name="code" error={errors?.code?.[0]} required>
              <Input name="code" defaultValue={values?.code ?? program?.code} placeholder="BSC-CS" />
            </FormField>
            <FormField label="Name" name="name" error={errors?.name?.[0]} required>
              <Input name="name" defaultValue={values?.name ?? program?.name} placeholder="B.Sc Computer Science" />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Duration (months)" name="durationMonths" error={errors?.durationMonths?.[0]}>
              <Input name="durationMonths" inputMode="numeric" defaultValue={values?.durationMonths ?? program?.durationMonths ?? ""} />
            </FormField>
            <FormField label="Grading scale" name="gradingScaleId" error={errors?.gradingScaleId?.[0]}>
              <NativeSelect name="gradingScaleId" defaultValue={values?.gradingScaleId ?? program?.gradingScaleId ?? ""}>
                <option value="">Institution default</option>
                {scales.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </div>
        </>
      )}
    </FormDialog>
  );
}
