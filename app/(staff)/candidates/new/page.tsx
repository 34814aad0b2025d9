import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { facultyOptions, institutionOptions, programOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { CandidateForm } from "@/components/forms/candidate-form";
import { createCandidateAction } from "../actions";

export const metadata: Metadata = { title: "Add candidate" };

export default async function NewCandidatePage() {
  const user = await requirePermission("candidates.create");
  const [programs, institutions, advisors] = await Promise.all([programOptions(), institutionOptions(), facultyOptions()]);
  return (
    <>
      <PageHeader title="Add candidate" description="Required fields are marked. Guardians receive progress reports if you say so." />
      <CandidateForm
        action={createCandidateAction}
        programs={programs}
        institutions={institutions}
        advisors={advisors}
        advisorFixed={user.role === "faculty" ? user.fullName : undefined}
        submitLabel="Create candidate"
      />
    </>
  );
}
