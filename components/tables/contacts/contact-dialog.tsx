"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { InstitutionPicker } from "@/components/crm/pickers";
import { createContactAction, updateContactAction } from "@/app/(staff)/contacts/actions";
import type { ContactRow } from "@/db/queries/contacts";

type Contact = Pick<ContactRow, "id" | "fullName" | "role" | "email" | "phone" | "institutionId" | "institutionName">;

export function ContactDialog({ contact, trigger }: { contact?: Contact; trigger?: React.ReactNode }) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>New contact</Button>}
      title={contact ? `Edit ${contact.fullName}` : "New contact"}
      description="Someone at a partner institution: a principal, a school counsellor, an admissions officer."
      action={contact ? updateContactAction : createContactAction}
      submitLabel={contact ? "Save contact" : "Create contact"}
      successMessage={contact ? "Contact saved" : "Contact created"}
    >
      {({ errors, values }) => (
        <>
          {contact && <input type="hidden" name="id" value={contact.id} />}
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Full name" name="fullName" error={errors?.fullName?.[0]} required>
              <Input name="fullName" defaultValue={values?.fullName ?? contact?.fullName} />
            </FormField>
            <FormField label="Role" name="role" error={errors?.role?.[0]}>
              <Input name="role" defaultValue={values?.role ?? contact?.role ?? ""} placeholder="Principal, Career counsellor…" list="contact-roles" />
            </FormField>
            <FormField label="Email" name="email" error={errors?.email?.[0]}>
              <Input type="email" name="email" defaultValue={values?.email ?? contact?.email ?? ""} />
            </FormField>
            <FormField label="Phone" name="phone" error={errors?.phone?.[0]}>
              <Input type="tel" name="phone" defaultValue={values?.phone ?? contact?.phone ?? ""} />
            </FormField>
          </div>
          <datalist id="contact-roles">
            {["Principal", "Career counsellor", "Admissions officer", "Teacher", "Parent representative"].map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <FormField label="Institution" name="institutionId" error={errors?.institutionId?.[0]}>
            <InstitutionPicker
              name="institutionId"
              initial={contact?.institutionId ? { id: contact.institutionId, label: contact.institutionName ?? "" } : null}
            />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}
