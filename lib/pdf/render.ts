import "server-only";
import { createElement, type ReactElement } from "react";
import { renderToBuffer, type DocumentProps } from "@react-pdf/renderer";
import { GradeCardDocument } from "@/components/pdf/grade-card";
import type { GradeCardData } from "@/lib/results/grade-card";
import { registerCardFonts } from "./fonts";

/** One candidate's grade card (or school report card) as PDF bytes. Server only: no browser involved. */
export async function renderGradeCard(data: GradeCardData): Promise<Buffer> {
  registerCardFonts();
  return renderToBuffer(createElement(GradeCardDocument, { data }) as ReactElement<DocumentProps>);
}

/** A filename that says whose card and which term, safe in any file system ("grade-card-MB2026CS014-semester-3-2026.pdf"). */
export function gradeCardFilename(data: Pick<GradeCardData, "variant" | "candidate" | "term">): string {
  const slug = (v: string) =>
    v
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  const who = slug(data.candidate.candidateNumber) || slug(data.candidate.fullName) || `candidate-${data.candidate.id}`;
  const term = slug(data.term.name) || `term-${data.term.termId}`;
  return `${data.variant === "school" ? "report-card" : "grade-card"}-${who}-${term}.pdf`;
}

/** The headers every grade-card download is sent with: an attachment, never cached anywhere shared. */
export function pdfHeaders(filename: string, bytes: number): HeadersInit {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return {
    "Content-Type": "application/pdf",
    "Content-Length": String(bytes),
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "private, no-store, max-age=0",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  };
}
