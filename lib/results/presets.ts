import { DEFAULT_SCHEME, type Scheme, type SchemeComponent } from "./scheme";

// Schemes an admin copies into a course and edits. Each names where its figures come from;
// institutions differ in the details, so every figure stays editable once copied. The
// assessments a preset suggests are created with the scheme when the course has none yet.

export type SuggestedAssessment = {
  name: string;
  maxScore: number;
  weight: number;
  componentKey: string;
  kind: "quiz" | "assignment" | "test" | "project" | "exam";
};

export type SchemePreset = {
  id: string;
  name: string;
  /** What it is and where its figures come from (printed in the editor). */
  source: string;
  scheme: Scheme;
  assessments: SuggestedAssessment[];
};

const component = (c: Partial<SchemeComponent> & Pick<SchemeComponent, "key" | "name" | "max">): SchemeComponent => ({
  part: "internal",
  source: "assessments",
  aggregation: "sum",
  best: null,
  dropLowest: 0,
  dropHighest: 0,
  ...c,
});

export const SCHEME_PRESETS: SchemePreset[] = [
  {
    id: "weighted-mean",
    name: "Weighted mean (Markbook's default)",
    source: "Σ weight × score/maximum ÷ Σ weight over the assessments that count, as a percentage to one decimal, half up. Every course starts with it.",
    scheme: DEFAULT_SCHEME,
    assessments: [],
  },
  {
    id: "sum-100",
    name: "Sum out of 100",
    source: "Every assessment's marks added and expressed out of 100, rounded once to a whole mark, half up. A common school pattern.",
    scheme: {
      components: [component({ key: "all", name: "All assessments", max: 100 })],
      rounding: { at: "total", method: "half-up", places: 0 },
      pass: { internalMin: null, externalMin: null, totalMin: null },
    },
    assessments: [],
  },
  {
    id: "anna-r2021-theory",
    name: "Anna University R2021 style — theory course",
    source:
      "Anna University, Regulations 2021 (affiliated colleges), procedure for internal assessment of theory courses: two assessments of 100 marks (assignment or case study 40 + written test 60), the 200 reduced to 40 and rounded to the nearest integer; end-semester examination reduced to 60. Pass: at least 45 % of the end-semester marks (27 of 60) and 50 % of the total.",
    scheme: {
      components: [
        component({ key: "ia", name: "Internal assessments", max: 40 }),
        component({ key: "ese", name: "End-semester examination", part: "external", max: 60 }),
      ],
      rounding: { at: "component", method: "half-up", places: 0 },
      pass: { internalMin: null, externalMin: 27, totalMin: 50 },
    },
    assessments: [
      { name: "Assessment I — assignment", maxScore: 40, weight: 1, componentKey: "ia", kind: "assignment" },
      { name: "Assessment I — test", maxScore: 60, weight: 1, componentKey: "ia", kind: "test" },
      { name: "Assessment II — assignment", maxScore: 40, weight: 1, componentKey: "ia", kind: "assignment" },
      { name: "Assessment II — test", maxScore: 60, weight: 1, componentKey: "ia", kind: "test" },
      { name: "End-semester examination", maxScore: 100, weight: 1, componentKey: "ese", kind: "exam" },
    ],
  },
  {
    id: "gtu-theory",
    name: "GTU style — theory course",
    source:
      "Gujarat Technological University, theory subjects: mid-semester examination by the institute (30) and university theory examination (70). Minimum to pass: 12 of 30 in the mid-semester part, 23 of 70 in the university examination, 35 of 100 overall.",
    scheme: {
      components: [
        component({ key: "mid", name: "Mid-semester examination", max: 30 }),
        component({ key: "ese", name: "University theory examination", part: "external", max: 70 }),
      ],
      rounding: { at: "component", method: "half-up", places: 0 },
      pass: { internalMin: 12, externalMin: 23, totalMin: 35 },
    },
    assessments: [
      { name: "Mid-semester examination", maxScore: 30, weight: 1, componentKey: "mid", kind: "exam" },
      { name: "University theory examination", maxScore: 70, weight: 1, componentKey: "ese", kind: "exam" },
    ],
  },
  {
    id: "college-25-75-attendance",
    name: "Internal 25 with attendance marks + external 75",
    source:
      "A pattern common in Indian affiliated and autonomous colleges: the best two of three sessional tests averaged and reduced to 15, assignments reduced to 5, and 5 marks for attendance by band ([90, 100] → 5, [85, 90) → 4, [80, 85) → 3, [75, 80) → 2, below 75 → 0); the end-semester examination out of 75. Pass: 10 of 25 internal, 30 of 75 external, 40 overall. Bands and minimums differ by university: edit them.",
    scheme: {
      components: [
        component({ key: "tests", name: "Sessional tests (best 2 of 3)", aggregation: "mean", best: 2, max: 15 }),
        component({ key: "assignments", name: "Assignments", max: 5 }),
        component({
          key: "attendance",
          name: "Attendance",
          source: "attendance",
          max: 5,
          bands: [
            { min: 90, marks: 5 },
            { min: 85, marks: 4 },
            { min: 80, marks: 3 },
            { min: 75, marks: 2 },
            { min: 0, marks: 0 },
          ],
        }),
        component({ key: "ese", name: "End-semester examination", part: "external", max: 75 }),
      ],
      rounding: { at: "total", method: "half-up", places: 0 },
      pass: { internalMin: 10, externalMin: 30, totalMin: 40 },
    },
    assessments: [
      { name: "Sessional test 1", maxScore: 20, weight: 1, componentKey: "tests", kind: "test" },
      { name: "Sessional test 2", maxScore: 20, weight: 1, componentKey: "tests", kind: "test" },
      { name: "Sessional test 3", maxScore: 20, weight: 1, componentKey: "tests", kind: "test" },
      { name: "Assignment 1", maxScore: 10, weight: 1, componentKey: "assignments", kind: "assignment" },
      { name: "Assignment 2", maxScore: 10, weight: 1, componentKey: "assignments", kind: "assignment" },
      { name: "End-semester examination", maxScore: 75, weight: 1, componentKey: "ese", kind: "exam" },
    ],
  },
  {
    id: "cbse-term",
    name: "CBSE style — a school term",
    source:
      "CBSE's scheme of studies for classes IX–X (internal assessment of 20): periodic tests — the average of the best two of three, reduced to 10 — notebook submission 5, subject enrichment 5, and the term examination out of 80. Pass: 33 % overall.",
    scheme: {
      components: [
        component({ key: "pt", name: "Periodic tests (best 2 of 3)", aggregation: "mean", best: 2, max: 10 }),
        component({ key: "notebook", name: "Notebook submission", max: 5 }),
        component({ key: "enrichment", name: "Subject enrichment", max: 5 }),
        component({ key: "exam", name: "Term examination", part: "external", max: 80 }),
      ],
      rounding: { at: "total", method: "half-up", places: 0 },
      pass: { internalMin: null, externalMin: null, totalMin: 33 },
    },
    assessments: [
      { name: "Periodic test 1", maxScore: 40, weight: 1, componentKey: "pt", kind: "test" },
      { name: "Periodic test 2", maxScore: 40, weight: 1, componentKey: "pt", kind: "test" },
      { name: "Periodic test 3", maxScore: 40, weight: 1, componentKey: "pt", kind: "test" },
      { name: "Notebook submission", maxScore: 5, weight: 1, componentKey: "notebook", kind: "assignment" },
      { name: "Subject enrichment", maxScore: 5, weight: 1, componentKey: "enrichment", kind: "project" },
      { name: "Term examination", maxScore: 80, weight: 1, componentKey: "exam", kind: "exam" },
    ],
  },
];

export function presetById(id: string): SchemePreset | undefined {
  return SCHEME_PRESETS.find((p) => p.id === id);
}
