"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { CandidateStatus } from "@/lib/constants";
import { setStatusAction } from "@/app/(staff)/candidates/actions";

const NEXT: Record<CandidateStatus, { status: CandidateStatus; label: string; description: string }[]> = {
  active: [
    { status: "withdrawn", label: "Mark withdrawn", description: "They stay on record with every mark; they drop out of active lists and reports." },
    { status: "graduated", label: "Mark graduated", description: "They stay on record with every mark and result." },
  ],
  withdrawn: [{ status: "active", label: "Make active again", description: "They return to active lists." }],
  graduated: [{ status: "active", label: "Make active again", description: "They return to active lists." }],
};

export function StatusMenu({ candidateId, name, status }: { candidateId: number; name: string; status: CandidateStatus }) {
  const router = useRouter();
  return (
    <>
      {NEXT[status].map((n) => (
        <ConfirmButton
          key={n.status}
          variant="outline"
          title={`${n.label}: ${name}?`}
          description={n.description}
          confirmLabel={n.label}
          onConfirm={async () => {
            const r = await setStatusAction(null, { id: candidateId, status: n.status });
            if (r.ok) {
              toast.success(`${name}: ${n.status}`);
              router.refresh();
            } else toast.error(r.message);
          }}
        >
          {n.label}
        </ConfirmButton>
      ))}
    </>
  );
}
