"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { createInstitutionAction, updateInstitutionAction } from "@/app/(staff)/institutions/actions";
import type { InstitutionRow } from "@/db/queries/institutions";

type Institution = Pick<InstitutionRow, "id" | "name" | "city" | "state" | "contactEmail" | "contactPhone">;

export function InstitutionDialog({ institution, trigger }: { institution?: Institution; trigger?: React.ReactNode }) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>New institution</Button>}
      title={institution ? `Edit ${institution.name}` : "New institution"}
      description="A partner school or college that sends enquiries or candidates."
      action={institution ? updateInstitutionAction : createInstitutionAction}
      submitLabel={institution ? "Save institution" : "Create institution"}
      successMessage={institution ? "Institution saved" : "Institution created"}
    >
      {({ errors, values }) => (
        <>
          {institution && <input type="hidden" name="id" value={institution.id} />}
          <FormField label="Name" name="name" error={errors?.name?.[0]} required>
            <Input name="name" defaultValue={values?.name ?? institution?.name} placeholder="Institution name" />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="City" name="city" error={errors?.city?.[0]}>
              <Input name="city" defaultValue={values?.city ?? institution?.city ?? ""} />
            </FormField>
            <FormField label="State" name="state" error={errors?.state?.[0]}>
              <Input name="state" defaultValue={values?.state ?? institution?.state ?? ""} placeholder="State / Province" />
            </FormField>
            <FormField label="Contact email" name="contactEmail" error={errors?.contactEmail?.[0]}>
              <Input type="email" name="contactEmail" defaultValue={values?.contactEmail ?? institution?.contactEmail ?? ""} placeholder="contact@school.edu" />
            </FormField>
            <FormField label="Contact phone" name="contactPhone" error={errors?.contactPhone?.[0]}>
              <Input type="tel" name="contactPhone" defaultValue={values?.contactPhone ?? institution?.contactPhone ?? ""} placeholder="+91 98765 43210" />
            </FormField>
          </div>
        </>
      )}
    </FormDialog>
  );
}
