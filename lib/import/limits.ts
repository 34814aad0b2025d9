export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

/** Data rows per file; the reader stops one row past it, so a bigger file costs no more than this. */
export const MAX_IMPORT_ROWS = 100_000;

/** A file sent as JSON: escaping at most doubles it (every character a quote or a line end), plus the other fields. */
export const MAX_IMPORT_BODY_BYTES = 2 * MAX_IMPORT_BYTES + 64 * 1024;
