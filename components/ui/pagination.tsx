import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

/** Page links for a server-paged list. `hrefFor` is built on the server from the current URL. */
function Pagination({ page, size, total, hrefs }: { page: number; size: number; total: number; hrefs: Record<number, string> }) {
  const pages = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  const shown = pageWindow(page, pages);
  return (
    <nav aria-label="Pagination" className="flex flex-col items-center justify-between gap-3 py-3 text-sm sm:flex-row">
      <p className="text-muted-foreground" data-testid="pagination-summary">
        {total === 0 ? "No results" : `Showing ${from}–${to} of ${total.toLocaleString("en-IN")}`}
      </p>
      <div className="flex items-center gap-1">
        <PageLink href={page > 1 ? hrefs[page - 1] : undefined} label="Previous page">
          <ChevronLeft className="size-4" aria-hidden />
        </PageLink>
        {shown.map((p, i) =>
          p === null ? (
            <span key={`gap-${i}`} className="px-2 text-muted-foreground" aria-hidden>
              …
            </span>
          ) : (
            <Link
              key={p}
              href={hrefs[p]}
              aria-label={`Page ${p}`}
              aria-current={p === page ? "page" : undefined}
              className={cn(buttonVariants({ variant: p === page ? "default" : "ghost", size: "sm" }), "min-w-8")}
            >
              {p}
            </Link>
          ),
        )}
        <PageLink href={page < pages ? hrefs[page + 1] : undefined} label="Next page">
          <ChevronRight className="size-4" aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageLink({ href, label, children }: { href?: string; label: string; children: React.ReactNode }) {
  if (!href)
    return (
      <span aria-disabled="true" aria-label={label} className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "pointer-events-none opacity-40")}>
        {children}
      </span>
    );
  return (
    <Link href={href} aria-label={label} className={buttonVariants({ variant: "ghost", size: "sm" })}>
      {children}
    </Link>
  );
}

/** 1 … 4 5 [6] 7 8 … 20 */
export function pageWindow(page: number, pages: number): (number | null)[] {
  const set = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const sorted = [...set].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

export { Pagination };
