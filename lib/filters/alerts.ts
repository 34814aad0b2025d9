// What the alert list may be sorted by: the query's columns and the table's sortable headers.
export const ALERT_SORTS = ["raised", "candidate", "rule"] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];
