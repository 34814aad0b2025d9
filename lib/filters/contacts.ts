// What the contact list may be sorted by: the query's columns and the table's sortable headers.
export const CONTACT_SORTS = ["name", "role", "institution", "created"] as const;
export type ContactSort = (typeof CONTACT_SORTS)[number];
