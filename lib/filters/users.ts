// What the user list may be sorted by: the query's columns and the table's sortable headers.
export const USER_SORTS = ["name", "email", "role", "active", "lastSignIn", "created"] as const;
export type UserSort = (typeof USER_SORTS)[number];
