"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { savePercentConversionAction } from "@/app/(staff)/academics/actions";

type Conversion = { id: number; name: string; formula: string; factor: number; offset: number };

/** Adds a CGPA → percentage conversion, or edits one: name, factor, offset and the formula printed. */
export function ConversionDialog({ conversion, trigger }: { conversion?: Conversion; trigger?: React.ReactNode }) {
  return (
    <FormDialog
      trigger={trigger ?? <Button variant="outline">New conversion</Button>}
      title={conversion ? `Edit ${conversion.name}` : "New percentage conversion"}
      description="Percentage = factor × CGPA + offset. The formula is printed on the grade card; leave it blank to print the factor and offset."
      action={savePercentConversionAction}
      submitLabel={conversion ? "Save conversion" : "Add conversion"}
      successMessage={conversion ? "Conversion saved" : "Conversion added"}
    >
      {({ errors, values }) => (
        <>
          {conversion && <input type="hidden" name="id" value={conversion.id} />}
          <FormField label="Name" name="name" error={errors?.name?.[0]} required>
            <Input name="name" defaultValue={values?.name ?? conversion?.name} placeholder="University of Mumbai" />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Factor (× CGPA)" name="factor" error={errors?.factor?.[0]} required>
              <Input name="factor" inputMode="decimal" defaultValue={values?.factor ?? conversion?.factor ?? ""} placeholder="9.5" />
            </FormField>
            <FormField label="Offset (percentage points)" name="offset" error={errors?.offset?.[0]}>
              <Input name="offset" inputMode="decimal" defaultValue={values?.offset ?? conversion?.offset ?? 0} />
            </FormField>
          </div>
          <FormField
            label="Formula as printed"
            name="formula"
            error={errors?.formula?.[0]}
            description="e.g. Percentage = (CGPA − 0.75) × 10. It must compute the factor and offset above."
          >
            <Input name="formula" defaultValue={values?.formula ?? conversion?.formula ?? ""} placeholder="Percentage = CGPA × 9.5" />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}
