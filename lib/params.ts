import { notFound } from "next/navigation";

/** A route's [id]: a positive integer, or the page does not exist. */
export function idParam(raw: string): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) notFound();
  return n;
}
