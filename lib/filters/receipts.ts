import { first, type SearchParams } from "@/lib/list";

// A report run's recipients list (the run page): who opened their link, sorted and filtered in the URL.
export const RECEIPT_SORTS = ["candidate", "recipient", "opened"] as const;
export type ReceiptSort = (typeof RECEIPT_SORTS)[number];

export const RECEIPT_SHOWS = ["unopened", "opened", "all"] as const;
export type ReceiptShow = (typeof RECEIPT_SHOWS)[number];

/** ?show=unopened (the default: whom a resend would reach) | opened | all. */
export function receiptShow(sp: SearchParams): ReceiptShow {
  const v = first(sp.show);
  return (RECEIPT_SHOWS as readonly string[]).includes(v ?? "") ? (v as ReceiptShow) : "unopened";
}

/** How long after a resend the same recipient is not sent another: a second click, or a colleague's, sends nothing twice. */
export const RESEND_WINDOW_MINUTES = 15;
