// What the course list may be sorted by: the query's columns and the table's sortable headers.
export const COURSE_SORTS = ["code", "name", "program", "term", "enrolled"] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];
