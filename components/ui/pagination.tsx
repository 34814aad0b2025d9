import Link from "@/components/ui/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

type PaginationProps = {
  page: number;
  total: number;
} & ({ pageSize: number; size?: never } | { size: number; pageSize?: never }) &
  // hrefFor is for server components; client components pass the precomputed `hrefs` (pages shown ±1).
  ({ hrefFor: (page: number) => string; hrefs?: never } | { hrefs: Record<number, string>; hrefFor?: never });

/** Page links for a server-paged list: "Showing X–Y of Z", Previous/Next and a window of page numbers. */
function Pagination(props: PaginationProps) {
  const size = Math.max(1, props.pageSize ?? props.size ?? 1);
  const total = Math.max(0, props.total);
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, props.page), pages);
  const hrefOf = (p: number): string | undefined => (props.hrefFor ? props.hrefFor(p) : props.hrefs?.[p]);
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  const shown = pageWindow(page, pages);
  return (
    <nav aria-label="Pagination" className="flex flex-col items-center justify-between gap-3 py-3 text-sm sm:flex-row">
      <p className="text-muted-foreground" data-testid="pagination-summary">
        {total === 0 ? "No results" : `Showing ${from}–${to} of ${total.toLocaleString("en-IN")}`}
      </p>
      <div className="flex items-center gap-1">
        <PageLink href={page > 1 ? hrefOf(page - 1) : undefined} label="Previous page">
          <ChevronLeft className="size-4" aria-hidden />
        </PageLink>
        {shown.map((p, i) =>
          p === null ? (
            <span key={`gap-${i}`} className="px-2 text-muted-foreground" aria-hidden>
              …
            </span>
          ) : (
            <PageNumber key={p} page={p} current={p === page} href={hrefOf(p)} />
          ),
        )}
        <PageLink href={page < pages ? hrefOf(page + 1) : undefined} label="Next page">
          <ChevronRight className="size-4" aria-hidden />
        </PageLink>
      </div>
    </nav>
  );
}

function PageNumber({ page, current, href }: { page: number; current: boolean; href?: string }) {
  const className = cn(buttonVariants({ variant: current ? "default" : "ghost", size: "sm" }), "min-w-8");
  if (!href)
    return (
      <span aria-current={current ? "page" : undefined} className={cn(className, !current && "pointer-events-none opacity-40")}>
        <span className="sr-only">Page </span>
        {page}
      </span>
    );
  return (
    <Link href={href} aria-label={`Page ${page}`} aria-current={current ? "page" : undefined} className={className}>
      {page}
    </Link>
  );
}

// A missing href means the edge of the list: shown dimmed, not focusable, still named for screen readers.
function PageLink({ href, label, children }: { href?: string; label: string; children: React.ReactNode }) {
  if (!href)
    return (
      <span aria-disabled="true" className={cn(buttonVariants({ variant: "ghost", size: "sm" }), "pointer-events-none opacity-40")}>
        {children}
        <span className="sr-only">{label}</span>
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
