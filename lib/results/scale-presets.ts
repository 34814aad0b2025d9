import { DEFAULT_BANDS, type GradeBand } from "./grades";
import { CBSE_BANDS, UGC_BANDS } from "./gpa";

// The grading scales an admin can start from (issue 14): a new scale is a copy of a preset's
// bands, then edited like any other (universities differ). Failed and absent are not bands:
// the scheme's pass rules decide them (lib/results/evaluate.ts gradeUnderScheme), shown as F
// and Ab with 0 grade points whatever the percentage.

export const SCALE_PRESET_IDS = ["standard", "ugc-10", "cbse"] as const;
export type ScalePresetId = (typeof SCALE_PRESET_IDS)[number];

export type ScalePreset = { id: ScalePresetId; name: string; description: string; bands: GradeBand[] };

export const SCALE_PRESETS: readonly ScalePreset[] = [
  { id: "standard", name: "Standard", description: "A+ 10 … E 5, F 0: Markbook's default bands.", bands: DEFAULT_BANDS },
  {
    id: "ugc-10",
    name: "UGC 10-point",
    description: "O 10, A+ 9, A 8, B+ 7, B 6, C 5, P 4, F 0; absent is Ab (0).",
    bands: UGC_BANDS,
  },
  { id: "cbse", name: "CBSE-style", description: "A1 10, A2 9, B1 8, B2 7, C1 6, C2 5, D 4, E 0.", bands: CBSE_BANDS },
];

export function scalePreset(id: ScalePresetId): ScalePreset {
  return SCALE_PRESETS.find((p) => p.id === id)!;
}
