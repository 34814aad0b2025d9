"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { NativeSelect } from "@/components/ui/native-select";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { MarkSeenOnOpen } from "@/components/crm/mark-seen";
import { LEAD_STATUSES, type LeadStatus } from "@/lib/constants";
import { convertLeadAction, markFollowupSeenAction, setLeadStatusAction } from "@/app/(staff)/leads/actions";

export function LeadStatusSelect({ id, status }: { id: number; status: LeadStatus }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="font-medium">Status</span>
      <span className="w-40">
        <NativeSelect
          value={status}
          onChange={async (e) => {
            const r = await setLeadStatusAction(null, { id, status: e.target.value as LeadStatus });
            if (r.ok) {
              toast.success(`Status: ${r.data.status}`);
              router.refresh();
            } else toast.error(r.message);
          }}
        >
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </NativeSelect>
      </span>
    </label>
  );
}

export function ConvertLeadButton({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  return (
    <ConfirmButton
      title={`Make ${name} a candidate?`}
      description="Their name, email, phone, program and institution are copied to a new candidate record, linked to this lead."
      confirmLabel="Convert to candidate"
      onConfirm={async () => {
        const r = await convertLeadAction(null, { id });
        if (r.ok) {
          toast.success(`${name} is now a candidate`);
          router.push(`/candidates/${r.data.candidateId}`);
        } else toast.error(r.message);
      }}
    >
      Convert to candidate
    </ConfirmButton>
  );
}

/** Opening a lead clears its follow-up from the user's "new" count. */
export function MarkFollowupSeen({ id }: { id: number }) {
  return <MarkSeenOnOpen key={id} mark={async () => (await markFollowupSeenAction(null, { id })).ok} />;
}
