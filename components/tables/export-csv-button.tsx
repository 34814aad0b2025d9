import { Download } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import type { SearchParams } from "@/lib/list";

/** Downloads the list as it is filtered and sorted now (every page, not just this one). */
export function ExportCsvButton({ href, searchParams }: { href: string; searchParams: SearchParams }) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(searchParams)) {
    if (k === "page" || k === "size" || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
  }
  const q = qs.toString();
  return (
    <a href={q ? `${href}?${q}` : href} className={buttonVariants({ variant: "outline", size: "sm" })} download>
      <Download className="size-4" aria-hidden /> Export CSV
    </a>
  );
}
