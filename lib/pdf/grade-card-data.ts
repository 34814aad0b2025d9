import type { Gpa, GpaPolicy } from "@/lib/results/gpa";

// STAND-IN until lib/results/grade-card.ts lands on main (h14-gpa): the shape agreed in the brief.
export type GradeCardCourse = {
  courseId: number;
  code: string;
  name: string;
  credits: number;
  internal: { value: number; max: number } | null;
  external: { value: number; max: number } | null;
  total: { value: number; max: number } | null;
  percent: number | null;
  grade: string | null;
  points: number | null;
  result: "Pass" | "Fail" | "Absent" | "Pending";
  attempt: number;
};
export type GradeCardTerm = {
  termId: number;
  name: string;
  order: number;
  courses: GradeCardCourse[];
  sgpa: Gpa;
  attendance: { courseId: number; rate: number | null; shown: number | null }[];
};
export type GradeCardData = {
  variant: "college" | "school";
  institution: { name: string; shortName: string; brandColor: string };
  candidate: { id: number; fullName: string; enrolmentNo: string | null; program: string; guardianNames: string[] };
  term: GradeCardTerm;
  history: GradeCardTerm[];
  cgpa: Gpa;
  percent: { value: number | null; conversion: { name: string; formula: string } };
  policy: GpaPolicy;
  attendanceOverall: { rate: number | null; shown: number | null };
  remarks: string | null;
  issuedOn: string;
};
