"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { requestCondonationAction } from "@/app/(staff)/attendance/condonations/actions";

/** Ask an admin to condone one course's attendance shortfall, with the reason and the document seen. */
export function CondonationDialog({
  candidateId,
  candidateName,
  courseId,
  courseCode,
  rate,
  minimum,
}: {
  candidateId: number;
  candidateName: string;
  courseId: number;
  courseCode: string;
  rate: string;
  minimum: number;
}) {
  return (
    <FormDialog
      trigger={
        <Button size="sm" variant="outline" aria-label={`Request condonation for ${courseCode}`}>
          Request condonation
        </Button>
      }
      title={`Request condonation: ${courseCode}`}
      description={`${candidateName}'s attendance is ${rate}, below the minimum ${minimum} %. An admin approves or refuses the request; until then ${candidateName} stays on the detention list.`}
      action={requestCondonationAction}
      submitLabel="Send request"
      successMessage="Condonation requested; an admin will decide"
    >
      {({ errors, values }) => (
        <>
          <input type="hidden" name="candidateId" value={candidateId} />
          <input type="hidden" name="courseId" value={courseId} />
          <FormField label="Reason" name="reason" id={`reason-${courseId}`} required error={errors?.reason?.[0]}>
            <Textarea name="reason" defaultValue={values?.reason} placeholder="e.g. In hospital from 3 to 14 February." />
          </FormField>
          <FormField
            label="Document (optional)"
            name="documentNote"
            id={`document-${courseId}`}
            description="What was seen, e.g. medical certificate no. 4411, City Hospital."
            error={errors?.documentNote?.[0]}
          >
            <Input name="documentNote" defaultValue={values?.documentNote} maxLength={300} />
          </FormField>
        </>
      )}
    </FormDialog>
  );
}
