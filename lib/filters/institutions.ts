// What the institution list may be sorted by: the query's columns and the table's sortable headers.
export const INSTITUTION_SORTS = ["name", "city", "state", "created", "leads"] as const;
export type InstitutionSort = (typeof INSTITUTION_SORTS)[number];
