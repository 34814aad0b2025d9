import type { AssessmentKind, MarkStatus } from "@/lib/constants";
import type { GradeBand } from "@/lib/results";
import type { PackedGrid } from "@/lib/gradebook/pack";

export type GbAssessment = { id: number; name: string; kind: AssessmentKind; maxScore: number; weight: number; published: boolean; dueOn: string | null; position: number };
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
};
