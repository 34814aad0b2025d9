"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { saveRemarksAction } from "@/app/(staff)/candidates/actions";
import { REMARKS_MAX } from "@/lib/forms/remarks";

/**
 * The remarks printed on a candidate's grade card for one term. Blank and saved clears them.
 * The version it was loaded with goes with the save, so a save from a stale tab is refused
 * with the other writer's words instead of overwriting them.
 */
export function RemarksEditor({
  candidateId,
  termId,
  termName,
  body,
  version,
}: {
  candidateId: number;
  termId: number;
  termName: string;
  body: string | null;
  version: number;
}) {
  const [value, setValue] = React.useState(body ?? "");
  const [saved, setSaved] = React.useState({ body: body ?? "", version });
  const [pending, start] = React.useTransition();
  const [error, setError] = React.useState<string | null>(null);
  const id = `remarks-${termId}`;
  const over = value.trim().length > REMARKS_MAX;
  return (
    <form
      className="space-y-2"
      data-testid={`remarks-form-${termId}`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await saveRemarksAction(null, { candidateId, termId, body: value, version: saved.version });
          if (r.ok) {
            setError(null);
            setSaved({ body: value.trim(), version: r.data.version });
            setValue(value.trim());
            toast.success(r.data.cleared ? "Remarks cleared" : "Remarks saved");
          } else setError(r.fieldErrors?.body?.[0] ?? r.message);
        });
      }}
    >
      <label htmlFor={id} className="text-sm font-medium">
        Remarks on the grade card<span className="sr-only">, {termName}</span>
      </label>
      <Textarea
        id={id}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        rows={3}
        placeholder="What the class teacher writes in the card's remarks box"
        aria-invalid={!!error || over || undefined}
        aria-describedby={`${id}-count${error ? ` ${id}-error` : ""}`}
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id={`${id}-count`} className={over ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>
          {value.trim().length} / {REMARKS_MAX} characters · printed on cards made after saving
        </p>
        <Button type="submit" size="sm" variant="outline" disabled={pending || over || value.trim() === saved.body}>
          {pending ? "Saving…" : value.trim() === "" && saved.body ? "Clear remarks" : "Save remarks"}
        </Button>
      </div>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
    </form>
  );
}
