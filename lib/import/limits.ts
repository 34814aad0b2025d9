export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;

/** Data rows per file; the reader stops one row past it, so a bigger file costs no more than this. */
export const MAX_IMPORT_ROWS = 100_000;

/**
 * A file sent as JSON, with its escaping and the other fields. The same as next.config's
 * proxyClientMaxBodySize and server-action limit: past it Next would cut the body short anyway,
 * so it is refused whole, with a message, instead.
 */
export const MAX_IMPORT_BODY_BYTES = 32 * 1024 * 1024;
