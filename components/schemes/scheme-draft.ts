import { computeSchemeResult, validateScheme, type Aggregation, type AttendanceBand, type Part, type Scheme, type SchemeComponent } from "@/lib/results/scheme";
import type { RoundingMethod } from "@/lib/results/round";

// The scheme editor's state, without React: every number as the text typed in its box (so a
// refused value is kept as typed), components known by a uid so assignments follow a renamed
// key, and the conversion to the engine's Scheme with an error beside each field it concerns.
// The arithmetic stays in lib/results: part maxima and validation come from the engine.

export type BandDraft = { uid: string; min: string; marks: string };

export type ComponentDraft = {
  uid: string;
  name: string;
  key: string;
  /** Once the key is typed in, renaming the component leaves it alone. */
  keyEdited: boolean;
  part: Part;
  source: SchemeComponent["source"];
  aggregation: Aggregation;
  best: string;
  dropLowest: string;
  dropHighest: string;
  max: string;
  bands: BandDraft[];
};

export type AssignmentDraft = { assessmentId: number; componentUid: string | null; neverDrop: boolean };

export type SchemeDraft = {
  components: ComponentDraft[];
  rounding: { at: Scheme["rounding"]["at"]; method: RoundingMethod; places: string };
  pass: { internalMin: string; externalMin: string; totalMin: string };
  effectiveFrom: string;
  presetId: string | null;
  assignments: AssignmentDraft[];
};

export type DraftAssessment = { id: number; componentKey: string | null; neverDrop: boolean };

/** What the save and preview actions take (lib/forms/scheme.ts's schemeInputSchema, less courseId and basedOn). */
export type SchemeInput = {
  scheme: Scheme;
  effectiveFrom: string;
  presetId: string | null;
  assignments: { assessmentId: number; componentKey: string; neverDrop: boolean }[];
};

/** The most the action takes (lib/forms/scheme.ts). */
export const MAX_COMPONENTS = 12;
export const MAX_BANDS = 20;

/** Field errors keyed by the action input's paths ("scheme.components.0.max"), so the server's land in the same places. */
export type DraftErrors = Record<string, string>;

let counter = 0;
const uid = (prefix: string) => `${prefix}${++counter}`;

/** "Internal tests (best 2 of 3)" → "internal-tests-best-2-of-3". */
export function keyFromName(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40)
      .replace(/-+$/, "") || ""
  );
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

export function componentDraft(c: SchemeComponent): ComponentDraft {
  return {
    uid: uid("c"),
    name: c.name,
    key: c.key,
    keyEdited: c.key !== keyFromName(c.name),
    part: c.part,
    source: c.source,
    aggregation: c.aggregation,
    best: text(c.best),
    dropLowest: text(c.dropLowest),
    dropHighest: text(c.dropHighest),
    max: text(c.max),
    bands: (c.bands ?? []).map((b) => ({ uid: uid("b"), min: text(b.min), marks: text(b.marks) })),
  };
}

/** A new, empty component: assessments summed, internal. */
export function blankComponent(existing: ComponentDraft[]): ComponentDraft {
  const taken = new Set(existing.map((c) => c.key));
  let n = existing.length + 1;
  while (taken.has(`component-${n}`)) n++;
  return {
    uid: uid("c"),
    name: `Component ${n}`,
    key: `component-${n}`,
    keyEdited: false,
    part: "internal",
    source: "assessments",
    aggregation: "sum",
    best: "",
    dropLowest: "0",
    dropHighest: "0",
    max: "",
    bands: [],
  };
}

/** The bands an attendance component starts with when its source is switched to attendance. */
export function defaultBands(max: number): BandDraft[] {
  const m = Number.isFinite(max) && max > 0 ? max : 5;
  return [
    { min: "90", marks: String(m) },
    { min: "75", marks: String(Math.round(m / 2)) },
    { min: "0", marks: "0" },
  ].map((b) => ({ uid: uid("b"), ...b }));
}

export function blankBand(): BandDraft {
  return { uid: uid("b"), min: "", marks: "" };
}

/**
 * The editor's state for a scheme and the course's assessments. An assessment whose component
 * is not in the scheme (or none) goes where the engine puts it: the first assessments component.
 */
export function draftFromScheme(scheme: Scheme, opts: { effectiveFrom: string; presetId: string | null; assessments: DraftAssessment[] }): SchemeDraft {
  const components = scheme.components.map(componentDraft);
  return {
    components,
    rounding: { at: scheme.rounding.at, method: scheme.rounding.method, places: String(scheme.rounding.places) },
    pass: { internalMin: text(scheme.pass.internalMin), externalMin: text(scheme.pass.externalMin), totalMin: text(scheme.pass.totalMin) },
    effectiveFrom: opts.effectiveFrom,
    presetId: opts.presetId,
    assignments: opts.assessments.map((a) => ({ assessmentId: a.id, componentUid: uidForKey(components, a.componentKey), neverDrop: a.neverDrop })),
  };
}

function uidForKey(components: ComponentDraft[], key: string | null): string | null {
  const own = key ? components.find((c) => c.key === key && c.source === "assessments") : undefined;
  return (own ?? components.find((c) => c.source === "assessments"))?.uid ?? null;
}

/**
 * A preset copied into the editor: its components and rules, the date and assignments kept.
 * Assessments go to the preset's component of the same key when there is one (a course made
 * from the preset), else to its first assessments component.
 */
export function applyPreset(draft: SchemeDraft, preset: { id: string; scheme: Scheme }, assessments: DraftAssessment[]): SchemeDraft {
  const next = draftFromScheme(preset.scheme, { effectiveFrom: draft.effectiveFrom, presetId: preset.id, assessments });
  return { ...next, assignments: next.assignments.map((a, i) => ({ ...a, neverDrop: draft.assignments[i]?.neverDrop ?? a.neverDrop })) };
}

/** An assessment's row in the editor; one the draft has not seen yet (added meanwhile) goes where the engine puts it. */
export function assignmentOf(draft: SchemeDraft, assessmentId: number): AssignmentDraft {
  return (
    draft.assignments.find((a) => a.assessmentId === assessmentId) ?? {
      assessmentId,
      componentUid: draft.components.find((c) => c.source === "assessments")?.uid ?? null,
      neverDrop: false,
    }
  );
}

export function setAssignment(draft: SchemeDraft, assessmentId: number, patch: Partial<Omit<AssignmentDraft, "assessmentId">>): SchemeDraft {
  const next = { ...assignmentOf(draft, assessmentId), ...patch };
  const has = draft.assignments.some((a) => a.assessmentId === assessmentId);
  return { ...draft, assignments: has ? draft.assignments.map((a) => (a.assessmentId === assessmentId ? next : a)) : [...draft.assignments, next] };
}

/** Renaming a component moves its key along until the key has been typed in by hand. */
export function renameComponent(c: ComponentDraft, name: string): ComponentDraft {
  return { ...c, name, key: c.keyEdited ? c.key : keyFromName(name) };
}

/** Removing a component sends its assessments back to the first assessments component left. */
export function removeComponent(draft: SchemeDraft, componentUid: string): SchemeDraft {
  const components = draft.components.filter((c) => c.uid !== componentUid);
  const fallback = components.find((c) => c.source === "assessments")?.uid ?? null;
  return {
    ...draft,
    components,
    assignments: draft.assignments.map((a) => (a.componentUid === componentUid || a.componentUid === null ? { ...a, componentUid: fallback } : a)),
  };
}

/** A component switched to attendance takes no assessments: they move to the first assessments component. */
export function updateComponent(draft: SchemeDraft, componentUid: string, patch: Partial<ComponentDraft>): SchemeDraft {
  const components = draft.components.map((c) => (c.uid === componentUid ? { ...c, ...patch } : c));
  const target = components.find((c) => c.uid === componentUid);
  if (!target || target.source === "assessments") return { ...draft, components };
  const fallback = components.find((c) => c.source === "assessments")?.uid ?? null;
  return { ...draft, components, assignments: draft.assignments.map((a) => (a.componentUid === componentUid ? { ...a, componentUid: fallback } : a)) };
}

// ——— reading the typed numbers ———

type Read = { value: number | null; error?: string };

function readNumber(raw: string, opts: { blank: "null" | "error"; integer?: boolean; label: string }): Read {
  const s = raw.trim().replace(",", ".");
  if (s === "") return opts.blank === "null" ? { value: null } : { value: null, error: `Enter ${opts.label}` };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { value: null, error: opts.integer ? "Enter a whole number" : "Enter a number" };
  const n = Number(s);
  if (opts.integer && !Number.isInteger(n)) return { value: n, error: "Enter a whole number" };
  return { value: n };
}

/**
 * The draft as the engine's Scheme and the actions' input, with an error beside each field whose
 * value cannot be used. The field rules are the same ones validateScheme states for the whole
 * scheme, said where the value was typed; `problems` is validateScheme's own list.
 */
export function readDraft(draft: SchemeDraft): {
  input: SchemeInput | null;
  errors: DraftErrors;
  problems: string[];
  partMax: { internal: number; external: number };
} {
  const errors: DraftErrors = {};
  const put = (path: string, message: string | undefined) => {
    if (message && !errors[path]) errors[path] = message;
  };
  const components: SchemeComponent[] = draft.components.map((c, i) => {
    const at = `scheme.components.${i}`;
    const max = readNumber(c.max, { blank: "error", label: "the maximum" });
    put(`${at}.max`, max.error ?? (max.value !== null && max.value <= 0 ? "Must be more than 0" : undefined));
    const maxValue = max.value ?? NaN;
    if (!c.name.trim()) put(`${at}.name`, "Enter a name");
    if (!c.key.trim()) put(`${at}.key`, "Enter a key");
    else if (!/^[a-z0-9][a-z0-9-]*$/.test(c.key.trim())) put(`${at}.key`, "Lower-case letters, digits and dashes");
    else if (draft.components.findIndex((o) => o.key === c.key) !== i) put(`${at}.key`, "Another component uses this key");
    const base: SchemeComponent = {
      key: c.key.trim(),
      name: c.name.trim(),
      part: c.part,
      source: c.source,
      aggregation: c.aggregation,
      best: null,
      dropLowest: 0,
      dropHighest: 0,
      max: maxValue,
    };
    if (c.source === "attendance") {
      if (!c.bands.length) put(`${at}.bands`, "Add at least one band");
      const bands: AttendanceBand[] = c.bands.map((b, j) => {
        const min = readNumber(b.min, { blank: "error", label: "the lower bound" });
        put(`${at}.bands.${j}.min`, min.error ?? (min.value !== null && (min.value < 0 || min.value > 100) ? "Between 0 and 100 %" : undefined));
        if (min.value !== null && c.bands.findIndex((o) => o.min.trim() !== "" && Number(o.min) === min.value) !== j)
          put(`${at}.bands.${j}.min`, "Another band starts here");
        const marks = readNumber(b.marks, { blank: "error", label: "the marks" });
        const over = marks.value !== null && (marks.value < 0 || (Number.isFinite(maxValue) && marks.value > maxValue));
        put(`${at}.bands.${j}.marks`, marks.error ?? (over ? `Between 0 and ${Number.isFinite(maxValue) ? maxValue : "the maximum"}` : undefined));
        return { min: min.value ?? NaN, marks: marks.value ?? NaN };
      });
      return { ...base, bands };
    }
    const best = readNumber(c.best, { blank: "null", integer: true, label: "a number" });
    put(`${at}.best`, best.error ?? (best.value !== null && best.value < 1 ? "At least 1, or blank for all" : undefined));
    const dropLowest = readNumber(c.dropLowest, { blank: "null", integer: true, label: "a number" });
    put(`${at}.dropLowest`, dropLowest.error ?? (dropLowest.value !== null && dropLowest.value < 0 ? "0 or more" : undefined));
    const dropHighest = readNumber(c.dropHighest, { blank: "null", integer: true, label: "a number" });
    put(`${at}.dropHighest`, dropHighest.error ?? (dropHighest.value !== null && dropHighest.value < 0 ? "0 or more" : undefined));
    if (best.value !== null && ((dropLowest.value ?? 0) > 0 || (dropHighest.value ?? 0) > 0)) put(`${at}.best`, "Choose best N or dropping, not both");
    return { ...base, best: best.value, dropLowest: dropLowest.value ?? 0, dropHighest: dropHighest.value ?? 0 };
  });
  const places = readNumber(draft.rounding.places, { blank: "error", integer: true, label: "the decimal places" });
  put("scheme.rounding.places", places.error ?? (places.value !== null && (places.value < 0 || places.value > 4) ? "Between 0 and 4" : undefined));
  const rounding = { at: draft.rounding.at, method: draft.rounding.method, places: places.value ?? NaN };

  // The part maxima as the engine counts them (a result with nothing entered still knows its maxima).
  // Components whose maximum is not a number yet are left out rather than making every minimum unreadable.
  const measurable = components.filter((c) => Number.isFinite(c.max) && c.max > 0);
  const shape: Scheme = { components: measurable, rounding: { ...rounding, places: 0 }, pass: { internalMin: null, externalMin: null, totalMin: null } };
  const empty = computeSchemeResult(shape, [], [], null);
  const partMax = { internal: finiteOr0(empty.internal.max), external: finiteOr0(empty.external.max) };

  const min = (key: keyof SchemeDraft["pass"], of: number, label: string) => {
    const r = readNumber(draft.pass[key], { blank: "null", label: "a number" });
    put(`scheme.pass.${key}`, r.error ?? (r.value !== null && (r.value < 0 || r.value > of) ? `Between 0 and ${of} (the ${label} maximum)` : undefined));
    return r.value;
  };
  const pass = {
    internalMin: min("internalMin", partMax.internal, "internal"),
    externalMin: min("externalMin", partMax.external, "external"),
    totalMin: min("totalMin", partMax.internal + partMax.external, "total"),
  };
  if (pass.externalMin !== null && partMax.external === 0) put("scheme.pass.externalMin", "Add an external component first");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveFrom)) put("effectiveFrom", "Enter the date it takes effect");

  const scheme: Scheme = { components, rounding, pass };
  const problems = validateScheme(scheme);
  const keyOf = new Map(draft.components.map((c, i) => [c.uid, components[i].key]));
  // An assessment with no component to go to (none made of assessments) sends none: validateScheme refuses that scheme anyway.
  const assignments = draft.assignments.flatMap((a) => {
    const componentKey = a.componentUid === null ? undefined : keyOf.get(a.componentUid);
    return componentKey ? [{ assessmentId: a.assessmentId, componentKey, neverDrop: a.neverDrop }] : [];
  });
  const usable = Object.keys(errors).length === 0 && problems.length === 0;
  return {
    input: usable ? { scheme, effectiveFrom: draft.effectiveFrom, presetId: draft.presetId, assignments } : null,
    errors,
    problems,
    partMax,
  };
}

const finiteOr0 = (n: number) => (Number.isFinite(n) ? n : 0);

/**
 * Each band as the half-open interval it covers, from the typed bounds: the highest band runs
 * to 100 inclusive, every other one up to (not including) the next band's start.
 */
export function bandInterval(bands: { min: string }[], index: number): string | null {
  const mins = bands.map((b) => (b.min.trim() === "" ? NaN : Number(b.min)));
  const own = mins[index];
  if (!Number.isFinite(own)) return null;
  const above = mins.filter((m) => Number.isFinite(m) && m > own);
  if (!above.length) return `[${own}, 100]`;
  return `[${own}, ${Math.min(...above)})`;
}

/** The same for stored bands, high to low, for the read-only view: "[90, 100] → 5". */
export function bandLines(bands: AttendanceBand[]): string[] {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  const asText = sorted.map((b) => ({ min: String(b.min) }));
  return sorted.map((b, i) => `${bandInterval(asText, i)} → ${b.marks}`);
}

export const AGGREGATION_LABELS: Record<Aggregation, string> = { sum: "Sum", mean: "Mean of percentages", weighted: "Weighted mean" };
export const ROUNDING_LABELS: Record<RoundingMethod, string> = { "half-up": "Half up", "half-even": "Nearest (half to even)", up: "Up", down: "Down" };
export const PART_LABELS: Record<Part, string> = { internal: "Internal", external: "External" };

/** One line for a component in the read-only view: "Best 2 · mean of percentages · out of 15". */
export function describeComponent(c: SchemeComponent): string {
  if (c.source === "attendance") return `Attendance bands · out of ${c.max}`;
  const parts: string[] = [];
  if (c.best !== null) parts.push(`best ${c.best}`);
  if (c.dropLowest > 0) parts.push(`drop lowest ${c.dropLowest}`);
  if (c.dropHighest > 0) parts.push(`drop highest ${c.dropHighest}`);
  parts.push(AGGREGATION_LABELS[c.aggregation].toLowerCase());
  parts.push(`out of ${c.max}`);
  const line = parts.join(" · ");
  return line[0].toUpperCase() + line.slice(1);
}

export function describeRounding(r: Scheme["rounding"]): string {
  const where = r.at === "component" ? "each component" : "once, at the total";
  return `${ROUNDING_LABELS[r.method]} to ${r.places} decimal place${r.places === 1 ? "" : "s"}, ${where}`;
}

export function describePass(p: Scheme["pass"]): string {
  const rules = [
    p.internalMin !== null ? `internal ≥ ${p.internalMin}` : null,
    p.externalMin !== null ? `external ≥ ${p.externalMin}` : null,
    p.totalMin !== null ? `total ≥ ${p.totalMin}` : null,
  ].filter(Boolean);
  return rules.length ? rules.join(", ") : "No pass rules";
}

/** A stable text of what would be saved, to tell whether a preview still matches the editor. */
export function inputSignature(input: SchemeInput | null): string {
  return input ? JSON.stringify(input) : "";
}
