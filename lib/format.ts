import { format, parseISO } from "date-fns";

// Dates as the institution writes them (19-09-2025). One place, so every screen agrees.
export const DATE_FORMAT = "dd-MM-yyyy";

function toDate(v: Date | string | number): Date {
  if (v instanceof Date) return v;
  if (typeof v === "number") return new Date(v);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseISO(v) : new Date(v);
}

export function formatDate(v: Date | string | number | null | undefined, fmt = DATE_FORMAT): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? "—" : format(d, fmt);
}

export function formatDateTime(v: Date | string | number | null | undefined, fmt = DATE_FORMAT): string {
  if (v === null || v === undefined || v === "") return "—";
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? "—" : format(d, `${fmt} HH:mm`);
}
