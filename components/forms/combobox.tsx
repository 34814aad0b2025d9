"use client";

import * as React from "react";
import { X } from "lucide-react";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

export type ComboOption = { id: number; label: string; hint?: string | null };

/**
 * A type-ahead picker (ARIA combobox): type to search on the server, arrows and Enter to
 * choose. Posts the chosen id in a hidden input named `name`.
 */
export function Combobox({
  name,
  id,
  search,
  initial,
  placeholder,
  onChange,
  "aria-invalid": ariaInvalid,
  "aria-describedby": describedBy,
}: {
  name: string;
  id?: string;
  search: (q: string) => Promise<ComboOption[]>;
  initial?: ComboOption | null;
  placeholder?: string;
  onChange?: (option: ComboOption | null) => void;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  const [selected, setSelected] = React.useState<ComboOption | null>(initial ?? null);
  const [text, setText] = React.useState(initial?.label ?? "");
  const [options, setOptions] = React.useState<ComboOption[]>([]);
  const [open, setOpen] = React.useState(false);
  const [active, setActive] = React.useState(0);
  const listId = React.useId();
  const seq = React.useRef(0);

  React.useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      const found = await search(text === selected?.label ? "" : text).catch(() => []);
      if (mine === seq.current) {
        setOptions(found);
        setActive(0);
      }
    }, 200);
    return () => clearTimeout(t);
  }, [text, open, search, selected?.label]);

  const choose = (o: ComboOption | null) => {
    setSelected(o);
    setText(o?.label ?? "");
    setOpen(false);
    onChange?.(o);
  };

  return (
    <div className="relative">
      <input type="hidden" name={name} value={selected?.id ?? ""} />
      <Input
        id={id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${options[active].id}` : undefined}
        aria-invalid={ariaInvalid}
        aria-describedby={describedBy}
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (selected) {
            setSelected(null);
            onChange?.(null);
          }
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter" && open && options[active]) {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === "Escape") setOpen(false);
        }}
        className="pr-8"
      />
      {selected && (
        <button
          type="button"
          aria-label="Clear"
          className="absolute right-2 top-1/2 -translate-y-1/2 text-muted-foreground hover:text-foreground"
          onClick={() => choose(null)}
        >
          <X className="size-4" aria-hidden />
        </button>
      )}
      {open && (
        <ul id={listId} role="listbox" className="absolute z-50 mt-1 max-h-60 w-full overflow-auto rounded-md border bg-popover p-1 text-sm shadow-md">
          {options.length === 0 ? (
            <li className="px-2 py-1.5 text-muted-foreground">No matches</li>
          ) : (
            options.map((o, i) => (
              <li
                key={o.id}
                id={`${listId}-${o.id}`}
                role="option"
                aria-selected={i === active}
                className={cn("cursor-pointer rounded-sm px-2 py-1.5", i === active && "bg-accent")}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(o)}
                onMouseEnter={() => setActive(i)}
              >
                {o.label}
                {o.hint && <span className="ml-2 text-xs text-muted-foreground">{o.hint}</span>}
              </li>
            ))
          )}
        </ul>
      )}
    </div>
  );
}
