"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Building2, Contact, GraduationCap, Search, Target } from "lucide-react";
import { Dialog, DialogContent, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";
import type { SearchHit } from "@/db/queries/search";
import { globalSearchAction } from "@/app/(staff)/actions";

const ICON = { candidate: GraduationCap, lead: Target, contact: Contact, institution: Building2 } as const;
const KIND = { candidate: "Candidate", lead: "Lead", contact: "Contact", institution: "Institution" } as const;

/** One search box over candidates, leads, contacts and institutions; Ctrl/⌘+K or "/" opens it. */
export function GlobalSearch() {
  const router = useRouter();
  const [open, setOpen] = React.useState(false);
  const [q, setQ] = React.useState("");
  const [hits, setHits] = React.useState<SearchHit[]>([]);
  const [active, setActive] = React.useState(0);
  const [loading, setLoading] = React.useState(false);

  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && (e.target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName));
      if ((e.key === "k" && (e.metaKey || e.ctrlKey)) || (e.key === "/" && !typing)) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  React.useEffect(() => {
    if (q.trim().length < 2) return;
    let live = true;
    const t = setTimeout(async () => {
      setLoading(true);
      const r = await globalSearchAction(null, { q });
      if (!live) return;
      setLoading(false);
      setHits(r.ok ? r.data : []);
      setActive(0);
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);

  const go = (h: SearchHit | undefined) => {
    if (!h) return;
    setOpen(false);
    setQ("");
    setHits([]);
    router.push(h.href);
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex h-9 w-full max-w-sm items-center gap-2 rounded-md border bg-muted/40 px-3 text-sm text-muted-foreground hover:bg-muted"
        aria-keyshortcuts="Control+K"
      >
        <Search className="size-4" aria-hidden />
        <span className="flex-1 text-left">Search…</span>
        <kbd className="hidden rounded border bg-background px-1.5 text-xs sm:inline">Ctrl K</kbd>
      </button>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogContent className="top-[20%] translate-y-0 gap-0 p-0 sm:max-w-xl" showCloseButton={false}>
          <DialogTitle className="sr-only">Search</DialogTitle>
          <div className="flex items-center gap-2 border-b px-3">
            <Search className="size-4 text-muted-foreground" aria-hidden />
            <Input
              autoFocus
              role="combobox"
              aria-expanded={hits.length > 0}
              aria-controls="global-search-results"
              aria-label="Search candidates, leads, contacts and institutions"
              placeholder="Search candidates, leads, contacts, institutions…"
              className="border-0 shadow-none focus-visible:ring-0"
              value={q}
              onChange={(e) => {
                setQ(e.target.value);
                if (e.target.value.trim().length < 2) setHits([]);
              }}
              onKeyDown={(e) => {
                if (e.key === "ArrowDown") {
                  e.preventDefault();
                  setActive((a) => Math.min(a + 1, hits.length - 1));
                } else if (e.key === "ArrowUp") {
                  e.preventDefault();
                  setActive((a) => Math.max(a - 1, 0));
                } else if (e.key === "Enter") {
                  e.preventDefault();
                  go(hits[active]);
                }
              }}
            />
          </div>
          <ul id="global-search-results" role="listbox" className="max-h-96 overflow-y-auto p-1" data-testid="search-results">
            {q.trim().length >= 2 && !loading && hits.length === 0 && <li className="px-3 py-6 text-center text-sm text-muted-foreground">No matches.</li>}
            {hits.map((h, i) => {
              const Icon = ICON[h.kind];
              return (
                <li
                  key={`${h.kind}-${h.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={cn("flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm", i === active && "bg-accent")}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => go(h)}
                >
                  <Icon className="size-4 text-muted-foreground" aria-hidden />
                  <span className="flex-1">
                    <span className="font-medium">{h.title}</span>
                    {h.subtitle && <span className="ml-2 text-xs text-muted-foreground">{h.subtitle}</span>}
                  </span>
                  <span className="text-xs text-muted-foreground">{KIND[h.kind]}</span>
                </li>
              );
            })}
          </ul>
        </DialogContent>
      </Dialog>
    </>
  );
}
