"use client";

import * as React from "react";
import { Search, X } from "lucide-react";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Button } from "@/components/ui/button";
import { useListUrl } from "./use-list-url";

export type ToolbarFilter =
  | { key: string; label: string; options: { value: string; label: string }[]; allLabel?: string; type?: "select" }
  /** A day, as ?key=yyyy-mm-dd. */
  | { key: string; label: string; type: "date" };

/** A date filter: follows the URL, and sets it once the browser has a whole date (or none). */
function DateFilter({ name, label }: { name: string; label: string }) {
  const { searchParams, setParams } = useListUrl();
  const urlValue = searchParams.get(name) ?? "";
  const [value, setValue] = React.useState(urlValue);
  const [lastUrlValue, setLastUrlValue] = React.useState(urlValue);
  if (urlValue !== lastUrlValue) {
    setLastUrlValue(urlValue);
    setValue(urlValue);
  }
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted-foreground">{label}</span>
      <Input
        type="date"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setParams({ [name]: e.target.value || undefined }, { resetPage: true });
        }}
        className="w-full sm:w-40"
      />
    </label>
  );
}

/** Search (debounced) and filters bound to the URL; page-specific buttons go in `children`. */
export function ListToolbar({
  searchPlaceholder = "Search",
  filters = [],
  children,
}: {
  searchPlaceholder?: string;
  filters?: ToolbarFilter[];
  children?: React.ReactNode;
}) {
  const { searchParams, setParams } = useListUrl();
  const urlQ = searchParams.get("q") ?? "";
  const [q, setQ] = React.useState(urlQ);
  const [lastUrlQ, setLastUrlQ] = React.useState(urlQ);
  if (urlQ !== lastUrlQ) {
    // The URL changed under us (back button, "Clear"): follow it.
    setLastUrlQ(urlQ);
    setQ(urlQ);
  }

  React.useEffect(() => {
    if (q === urlQ) return;
    const t = setTimeout(() => setParams({ q: q.trim() || undefined }, { resetPage: true, replace: true }), 300);
    return () => clearTimeout(t);
  }, [q, urlQ, setParams]);

  const active = !!urlQ || filters.some((f) => searchParams.get(f.key));

  return (
    <div role="search" className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
      <div className="relative w-full sm:w-72">
        <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={searchPlaceholder} aria-label={searchPlaceholder} className="pl-8" />
      </div>
      {filters.map((f) =>
        f.type === "date" ? (
          <DateFilter key={f.key} name={f.key} label={f.label} />
        ) : (
          <label key={f.key} className="flex items-center gap-2 text-sm">
            <span className="sr-only">{f.label}</span>
            <span className="w-full sm:w-44">
              <NativeSelect
                aria-label={f.label}
                value={searchParams.get(f.key) ?? ""}
                onChange={(e) => setParams({ [f.key]: e.target.value || undefined }, { resetPage: true })}
              >
                <option value="">{f.allLabel ?? `All ${f.label.toLowerCase()}`}</option>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </NativeSelect>
            </span>
          </label>
        ),
      )}
      {active && (
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() => {
            setQ("");
            setParams(Object.fromEntries([["q", undefined], ...filters.map((f) => [f.key, undefined])]), { resetPage: true });
          }}
        >
          <X className="size-4" aria-hidden /> Clear
        </Button>
      )}
      {children && <div className="flex flex-wrap items-center gap-2 sm:ml-auto">{children}</div>}
    </div>
  );
}
