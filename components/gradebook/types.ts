import type { AssessmentKind, MarkStatus } from "@/lib/constants";
import type { GradeBand } from "@/lib/results";
import type { Scheme } from "@/lib/results/scheme";
import type { PackedGrid } from "@/lib/gradebook/pack";

export type GbAssessment = {
  id: number;
  name: string;
  kind: AssessmentKind;
  maxScore: number;
  weight: number;
  published: boolean;
  released: boolean;
  componentKey: string | null;
  neverDrop: boolean;
  dueOn: string | null;
  position: number;
};
export type GbCandidate = { id: number; fullName: string; candidateNumber: string };
export type GbMark = { candidateId: number; assessmentId: number; score: number | null; status: MarkStatus; feedback: string | null; version: number };
export type GbData = {
  courseId: number;
  courseLabel: string;
  locked: boolean;
  bands: GradeBand[];
  assessments: GbAssessment[];
  roster: GbCandidate[];
  grid: PackedGrid;
  /** The course's scheme: each row's result is computed with it as marks are typed. */
  scheme: Scheme;
  /** Each row's exact attendance rate, when the scheme has an attendance component. */
  attendanceRates: (number | null)[] | null;
};

/** A mark as the server last confirmed it (its version guards against overwriting a colleague). */
export type SavedMark = { score: number | null; status: MarkStatus; feedback: string | null; version: number };

/** One cell of the grid: what is saved, what is typed, and where its save stands. */
export type CellState = {
  saved: SavedMark | null;
  draft: string | null;
  state: "idle" | "saving" | "saved" | "error" | "conflict";
  /** The text being saved right now, so leaving the cell does not save it twice. */
  pending?: string;
  error?: string;
  conflict?: { current: SavedMark | null; yours: { score: number | null; status: MarkStatus; feedback: string | null } };
};
