export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
