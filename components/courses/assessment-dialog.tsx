"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { ASSESSMENT_KINDS, type AssessmentKind } from "@/lib/constants";
import { createAssessmentAction, updateAssessmentAction } from "@/app/(staff)/courses/[id]/actions";

type Assessment = {
  id: number;
  name: string;
  kind: AssessmentKind;
  maxScore: number;
  weight: number;
  dueOn: string | null;
  published: boolean;
  released: boolean;
};

export function AssessmentDialog({ courseId, assessment, trigger }: { courseId: number; assessment?: Assessment; trigger?: React.ReactNode }) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>Add assessment</Button>}
      title={assessment ? `Edit ${assessment.name}` : "Add assessment"}
      description="Weights need not add up to 100: each assessment's share is its weight over the total weight that counts."
      action={assessment ? updateAssessmentAction : createAssessmentAction}
      submitLabel={assessment ? "Save assessment" : "Add assessment"}
      successMessage={assessment ? "Assessment saved" : "Assessment added"}
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="courseId" value={courseId} />
          {assessment && <input type="hidden" name="id" value={assessment.id} />}
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
            <FormField label="Name" name="name" error={errors?.name?.[0]} required>
              <Input name="name" defaultValue={values?.name ?? assessment?.name} placeholder="Midterm" />
            </FormField>
            <FormField label="Kind" name="kind" error={errors?.kind?.[0]} required>
              <NativeSelect name="kind" defaultValue={values?.kind ?? assessment?.kind ?? "quiz"}>
                {ASSESSMENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k[0].toUpperCase() + k.slice(1)}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField label="Maximum score" name="maxScore" error={errors?.maxScore?.[0]} required>
              <Input name="maxScore" inputMode="decimal" defaultValue={values?.maxScore ?? assessment?.maxScore} />
            </FormField>
            <FormField label="Weight" name="weight" error={errors?.weight?.[0]} required>
              <Input name="weight" inputMode="decimal" defaultValue={values?.weight ?? assessment?.weight} />
            </FormField>
            <FormField label="Due date" name="dueOn" error={errors?.dueOn?.[0]}>
              <Input type="date" name="dueOn" defaultValue={values?.dueOn ?? assessment?.dueOn ?? ""} />
            </FormField>
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="published"
              defaultChecked={values ? values.published === "on" : (assessment?.published ?? true)}
              className="size-4 accent-primary"
            />
            Published — counts in results and shows in reports
          </label>
          <FormField label="Parents see it" name="released" error={errors?.released?.[0]}>
            <NativeSelect name="released" defaultValue={values?.released ?? (assessment && !assessment.released ? "held" : "released")}>
              <option value="released">Released — on the result page and in emails</option>
              <option value="held">Held — staff only until released</option>
            </NativeSelect>
          </FormField>
        </>
      )}
    </FormDialog>
  );
}
