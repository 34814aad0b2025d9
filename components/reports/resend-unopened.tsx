"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Send } from "lucide-react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { RESEND_WINDOW_MINUTES } from "@/lib/filters/receipts";
import { resendUnopenedAction } from "@/app/(staff)/reports/actions";

const people = (n: number) => `${n} ${n === 1 ? "recipient" : "recipients"}`;

/** "Resend to the N who have not opened": asks first, naming the count, then sends to just those. */
export function ResendUnopenedButton({ runId, unopened }: { runId: number; unopened: number }) {
  const router = useRouter();
  if (unopened === 0) return null;
  return (
    <ConfirmButton
      title={`Resend to ${people(unopened)}?`}
      description={
        <>
          {unopened === 1 ? "The one recipient" : `The ${unopened} recipients`} who have not opened their link get this report again, with today&apos;s figures.
          Their earlier email&apos;s link stops working and the new one takes its place. Anyone resent in the last {RESEND_WINDOW_MINUTES} minutes is left out.
        </>
      }
      confirmLabel={`Resend to ${unopened}`}
      className="w-full sm:w-auto"
      onConfirm={async () => {
        const r = await resendUnopenedAction(null, { runId });
        if (!r.ok) return void toast.error(r.message);
        const { resent, skipped, failed } = r.data;
        if (resent === 0)
          toast.info(
            `Nothing resent: ${skipped === 1 ? "that recipient was" : "those recipients were"} resent in the last ${RESEND_WINDOW_MINUTES} minutes or no longer receive reports.`,
          );
        else
          toast.success(
            `Resent to ${people(resent)}${skipped ? ` (${skipped} left out: resent recently or no longer receiving reports)` : ""}${failed ? `; ${failed} failed and will be retried` : ""}`,
          );
        router.refresh();
      }}
    >
      <Send aria-hidden />
      Resend to the {unopened} who have not opened
    </ConfirmButton>
  );
}
