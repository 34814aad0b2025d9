"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { updateNotesAction } from "@/app/(staff)/candidates/actions";

export function NotesEditor({ candidateId, notes }: { candidateId: number; notes: string | null }) {
  const [value, setValue] = React.useState(notes ?? "");
  const [pending, start] = React.useTransition();
  const [error, setError] = React.useState<string | null>(null);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await updateNotesAction(null, { id: candidateId, notes: value });
          if (r.ok) {
            setError(null);
            toast.success("Notes saved");
          } else setError(r.fieldErrors?.notes?.[0] ?? r.message);
        });
      }}
    >
      <label htmlFor="candidate-notes" className="sr-only">
        Advisor notes
      </label>
      <Textarea
        id="candidate-notes"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        rows={4}
        aria-invalid={!!error || undefined}
        aria-describedby={error ? "notes-error" : undefined}
      />
      {error && (
        <p id="notes-error" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <Button type="submit" size="sm" disabled={pending || value === (notes ?? "")}>
        {pending ? "Saving…" : "Save notes"}
      </Button>
    </form>
  );
}
