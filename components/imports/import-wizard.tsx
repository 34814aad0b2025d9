"use client";

import * as React from "react";
import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { CheckCircle2, FileUp, XCircle } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Badge } from "@/components/ui/badge";
import { IMPORT_FIELDS, autoMap, type Mapping } from "@/lib/import/fields";
import { MAX_IMPORT_BYTES } from "@/lib/import/limits";
import type { ActionResult } from "@/lib/action";
import { previewImportAction } from "@/app/(staff)/imports/actions";

type Kind = "marks" | "attendance" | "candidates";
type Preview = Extract<Awaited<ReturnType<typeof previewImportAction>>, { ok: true }>["data"];

const KIND_LABEL: Record<Kind, string> = { marks: "Marks", attendance: "Attendance", candidates: "Candidates with guardians" };
const TEMPLATES: Record<Kind, string> = {
  marks: "Candidate number,Course code,Assessment,Score,Feedback\nGF-2026-0001,CS201,Quiz 1,15,Good work\nGF-2026-0002,CS201,Quiz 1,AB,\n",
  attendance: "Candidate number,Course code,Date,Status,Note\nGF-2026-0001,CS201,19-09-2026,present,\nGF-2026-0002,CS201,19-09-2026,absent,Unwell\n",
  candidates:
    "Candidate number,Full name,Email,Phone,Date of birth,Program,Advisor email,Guardian name,Guardian relationship,Guardian email,Guardian phone\nGF-2026-0999,Asha Rao,asha@example.com,+91 98765 43210,2007-04-12,BSC-CS,faculty@markbook.test,Lakshmi Rao,Mother,lakshmi@example.com,+91 91234 56789\n",
};

export function ImportWizard({
  kinds,
  initialKind,
  courseId,
  courseLabel,
  lastMappings,
}: {
  kinds: Kind[];
  initialKind: Kind;
  courseId: number | null;
  courseLabel: string | null;
  lastMappings: Partial<Record<Kind, Mapping | null>>;
}) {
  const router = useRouter();
  const [kind, setKind] = React.useState<Kind>(initialKind);
  const [file, setFile] = React.useState<{ name: string; text: string; headers: string[]; rows: number } | null>(null);
  const [mapping, setMapping] = React.useState<Mapping>({});
  const [preview, setPreview] = React.useState<Preview | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [checking, setChecking] = React.useState(false);
  const [progress, setProgress] = React.useState<number | null>(null);
  const [result, setResult] = React.useState<{ importId: number; counts: Preview["counts"] } | null>(null);
  const inputRef = React.useRef<HTMLInputElement>(null);

  const reset = () => {
    setPreview(null);
    setFailure(null);
    setResult(null);
    setProgress(null);
  };

  const onFile = async (f: File | undefined) => {
    reset();
    if (!f) return setFile(null);
    // The server refuses it unread; say so before uploading 30 MB for nothing.
    if (f.size > MAX_IMPORT_BYTES) {
      setFile(null);
      return setFailure(`${f.name} is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB. Split it into smaller files and import them one by one.`);
    }
    const text = await f.text();
    const head = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { preview: 1 });
    const headers = (head.data[0] ?? []).map((h) => h.trim()).filter(Boolean);
    const rows = Math.max(0, text.split(/\r\n|\n/).filter((l) => l.trim() !== "").length - 1);
    setFile({ name: f.name, text, headers, rows });
    setMapping(autoMap(kind, headers, lastMappings[kind]));
  };

  const check = async () => {
    if (!file) return;
    reset();
    setChecking(true);
    const r = await previewImportAction(null, { kind, fileName: file.name, text: file.text, mapping: JSON.stringify(mapping), courseId: courseId ?? "" });
    setChecking(false);
    if (r.ok) setPreview(r.data);
    else setFailure(r.message);
  };

  const commit = async () => {
    if (!file) return;
    setProgress(0);
    setFailure(null);
    const res = await fetch("/api/imports/commit", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind, fileName: file.name, text: file.text, mapping, courseId }),
    }).catch(() => null);
    if (!res || !res.body) {
      setProgress(null);
      return setFailure("Could not reach the server; nothing was imported.");
    }
    if (!res.ok && res.headers.get("content-type")?.includes("application/json")) {
      const j = (await res.json()) as ActionResult;
      setProgress(null);
      return setFailure(j.ok ? "Unexpected answer" : j.message);
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as { progress?: number } | ActionResult<{ importId: number; counts: Preview["counts"] }>;
        if ("progress" in msg && typeof msg.progress === "number") setProgress(msg.progress);
        else if ("ok" in msg && msg.ok) {
          setProgress(1);
          setResult(msg.data);
          toast.success(`Import #${msg.data.importId} done`);
          router.refresh();
        } else if ("ok" in msg && !msg.ok) {
          setProgress(null);
          setFailure(msg.message);
        }
      }
    }
  };

  const fields = IMPORT_FIELDS[kind];
  const missing = fields.filter((f) => f.required && !mapping[f.key]);

  return (
    <div className="space-y-6" data-testid="import-wizard">
      <section className="space-y-3 rounded-lg border bg-card p-4">
        <h2 className="font-semibold">1. Choose the file</h2>
        <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
          <label className="grid gap-1.5 text-sm font-medium">
            What it holds
            <NativeSelect
              value={kind}
              onChange={(e) => {
                const k = e.target.value as Kind;
                setKind(k);
                reset();
                if (file) setMapping(autoMap(k, file.headers, lastMappings[k]));
              }}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </NativeSelect>
          </label>
          <label className="grid gap-1.5 text-sm font-medium">
            CSV file (up to 100,000 rows)
            <Input ref={inputRef} type="file" accept=".csv,text/csv" onChange={(e) => onFile(e.target.files?.[0])} />
          </label>
        </div>
        {courseLabel && <p className="text-sm text-muted-foreground">Only rows for {courseLabel} are accepted.</p>}
        <p className="text-sm text-muted-foreground">
          Not sure of the layout?{" "}
          <a className="text-primary underline" download={`${kind}-template.csv`} href={`data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATES[kind])}`}>
            Download a template
          </a>
          .{kind === "marks" && " Scores may be numbers, AB (absent), MI (missing), EX (excused) or 15L (late)."}
        </p>
      </section>

      {file && (
        <section className="space-y-3 rounded-lg border bg-card p-4">
          <h2 className="font-semibold">2. Match the columns</h2>
          <p className="text-sm text-muted-foreground">
            {file.name}: {file.rows.toLocaleString("en-IN")} rows, {file.headers.length} columns. Your last choices are remembered.
          </p>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {fields.map((f) => (
              <label key={f.key} className="grid gap-1.5 text-sm font-medium">
                <span>
                  {f.label}
                  {f.required && <span className="text-destructive"> *</span>}
                </span>
                <NativeSelect
                  value={mapping[f.key] ?? ""}
                  onChange={(e) => {
                    reset();
                    setMapping((m) => ({
                      ...Object.fromEntries(Object.entries(m).filter(([k]) => k !== f.key)),
                      ...(e.target.value ? { [f.key]: e.target.value } : {}),
                    }));
                  }}
                  aria-invalid={(f.required && !mapping[f.key]) || undefined}
                >
                  <option value="">{f.required ? "Choose a column…" : "Not in the file"}</option>
                  {file.headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </NativeSelect>
              </label>
            ))}
          </div>
          <Button onClick={check} disabled={checking || missing.length > 0}>
            {checking ? "Checking every row…" : "3. Check the file"}
          </Button>
          {missing.length > 0 && <p className="text-sm text-muted-foreground">Choose columns for: {missing.map((f) => f.label).join(", ")}.</p>}
        </section>
      )}

      {failure && (
        <p
          className="flex items-center gap-2 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive"
          data-testid="import-failure"
        >
          <XCircle className="size-4" aria-hidden /> {failure}
        </p>
      )}

      {preview && (
        <section className="space-y-4 rounded-lg border bg-card p-4" data-testid="import-preview">
          <h2 className="font-semibold">Preview</h2>
          {preview.fileErrors.length > 0 && (
            <ul className="list-inside list-disc text-sm text-destructive">
              {preview.fileErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
          <div className="flex flex-wrap gap-2 text-sm" data-testid="import-counts">
            <Badge variant="outline">{preview.counts.rows} rows</Badge>
            <Badge variant="success">{preview.counts.create} to create</Badge>
            <Badge variant="warning">{preview.counts.update} to change</Badge>
            <Badge variant="secondary">{preview.counts.unchanged} unchanged</Badge>
            <Badge variant="destructive">{preview.counts.error} with errors</Badge>
          </div>
          {preview.errors.length > 0 && (
            <div className="max-h-80 overflow-auto rounded border">
              <table className="w-full text-sm" data-testid="import-errors">
                <thead className="sticky top-0 bg-muted">
                  <tr className="text-left">
                    <th className="px-2 py-1 font-medium">Line</th>
                    <th className="px-2 py-1 font-medium">Row</th>
                    <th className="px-2 py-1 font-medium">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((r) => (
                    <tr key={r.line} className="border-t">
                      <td className="px-2 py-1 tabular-nums">{r.line}</td>
                      <td className="px-2 py-1">{r.summary}</td>
                      <td className="px-2 py-1 text-destructive">{r.errors.join("; ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.counts.error > 0 ? (
            <p className="text-sm">Fix the rows above in your file and choose it again. Nothing is imported while any row has an error.</p>
          ) : preview.counts.create + preview.counts.update === 0 ? (
            <p className="text-sm">Everything in this file is already in Markbook: there is nothing to import.</p>
          ) : (
            <div className="space-y-2">
              <Button onClick={commit} disabled={progress !== null}>
                <FileUp className="size-4" aria-hidden /> Import {preview.counts.create + preview.counts.update} changes
              </Button>
              <p className="text-xs text-muted-foreground">All or nothing: if anything fails, nothing is changed. You can undo the import afterwards.</p>
            </div>
          )}
          {progress !== null && (
            <div className="space-y-1">
              <div
                role="progressbar"
                aria-label="Import progress"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(progress * 100)}
                className="h-2 w-full overflow-hidden rounded bg-muted"
              >
                <div className="h-full bg-primary transition-all" style={{ width: `${Math.round(progress * 100)}%` }} />
              </div>
              <p className="text-xs text-muted-foreground">{Math.round(progress * 100)}%</p>
            </div>
          )}
          {result && (
            <p className="flex items-center gap-2 text-sm text-emerald-700" data-testid="import-done">
              <CheckCircle2 className="size-4" aria-hidden /> Import #{result.importId}: {result.counts.create} created, {result.counts.update} changed,{" "}
              {result.counts.unchanged} unchanged.
            </p>
          )}
        </section>
      )}
    </div>
  );
}
