"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { createProgramAction, updateProgramAction } from "@/app/(staff)/academics/actions";
import { GRADE_CARD_LABELS, GRADE_CARD_VARIANTS, type GradeCardVariant } from "@/lib/constants";
import { DEFAULT_CONVERSION_KEY } from "@/lib/results/gpa";
import { ROUNDING_LABELS, ROUNDING_METHODS, type RoundingMethod } from "@/lib/results/round";

type Program = {
  id: number;
  code: string;
  name: string;
  durationMonths: number | null;
  gradingScaleId: number | null;
  gpaPlaces: number;
  gpaRounding: RoundingMethod;
  percentConversionId: number | null;
  gradeCard: GradeCardVariant;
};

export function ProgramDialog({
  program,
  scales,
  conversions,
  trigger,
}: {
  program?: Program;
  scales: { id: number; name: string }[];
  conversions: { id: number; key: string; name: string; formula: string }[];
  trigger?: React.ReactNode;
}) {
  const defaultConversion = conversions.find((c) => c.key === DEFAULT_CONVERSION_KEY)?.id ?? "";
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
          <fieldset className="space-y-4 rounded-lg border p-3 sm:p-4">
            <legend className="px-1 text-sm font-medium">SGPA, CGPA and the grade card</legend>
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Decimal places" name="gpaPlaces" error={errors?.gpaPlaces?.[0]} description="0 to 4; 2 prints 8.00">
                <Input name="gpaPlaces" inputMode="numeric" defaultValue={values?.gpaPlaces ?? program?.gpaPlaces ?? 2} />
              </FormField>
              <FormField label="Rounding" name="gpaRounding" error={errors?.gpaRounding?.[0]}>
                <NativeSelect name="gpaRounding" defaultValue={values?.gpaRounding ?? program?.gpaRounding ?? "half-up"}>
                  {ROUNDING_METHODS.map((m) => (
                    <option key={m} value={m}>
                      {ROUNDING_LABELS[m]}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField label="Percentage conversion" name="percentConversionId" error={errors?.percentConversionId?.[0]}>
                <NativeSelect name="percentConversionId" defaultValue={values?.percentConversionId ?? program?.percentConversionId ?? defaultConversion}>
                  {conversions.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.formula}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField label="Grade card" name="gradeCard" error={errors?.gradeCard?.[0]}>
                <NativeSelect name="gradeCard" defaultValue={values?.gradeCard ?? program?.gradeCard ?? "college"}>
                  {GRADE_CARD_VARIANTS.map((v) => (
                    <option key={v} value={v}>
                      {GRADE_CARD_LABELS[v]}
                    </option>
                  ))}
                </NativeSelect>
              </FormField>
            </div>
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}
