import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate } from "@/lib/format";
import { getCandidate } from "@/db/queries/candidates";
import { facultyOptions, institutionOptions, programOptions } from "@/db/queries/options";
import { PageHeader } from "@/components/shell/page-header";
import { CandidateForm } from "@/components/forms/candidate-form";
import { updateCandidateAction } from "../../actions";

export const metadata: Metadata = { title: "Edit candidate" };

export default async function EditCandidatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("candidates.update");
  const id = idParam((await params).id);
  const c = await loadOr404(getCandidate(user, id));
  if (c.erasedAt) {
    return (
      <>
        <PageHeader title={c.fullName} description={c.candidateNumber} />
        <p className="text-sm" data-testid="erased-state">
          This candidate&apos;s personal data was erased on {formatDate(c.erasedAt)}; the record can no longer be edited.{" "}
          <Link href={`/candidates/${c.id}`} className="text-primary hover:underline">
            Back to the candidate
          </Link>
        </p>
      </>
    );
  }
  const [programs, institutions, advisors] = await Promise.all([programOptions(), institutionOptions(), facultyOptions()]);
  return (
    <>
      <PageHeader title={`Edit ${c.fullName}`} description={c.candidateNumber} />
      <CandidateForm
        action={updateCandidateAction}
        initial={{ ...c, guardians: c.guardians }}
        programs={programs}
        institutions={institutions}
        advisors={advisors}
        submitLabel="Save candidate"
      />
    </>
  );
}
