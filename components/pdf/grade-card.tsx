import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { GradeCardCourse, GradeCardData, GradeCardTerm } from "@/lib/results/grade-card";
import { attendanceCell, creditsCell, gpaCell, partCell, percentCell, pointsCell } from "@/lib/results/card-cells";
import { CARD_FONTS } from "@/lib/pdf/fonts";

// The printed grade card (issue 14): a college's semester grade card and a school's CBSE-style
// term report, both from one GradeCardData. Every figure is a cell helper's words over the
// results module's numbers (lib/results/card-cells.ts), never arithmetic done here.

const INK = "#111827";
const MUTED = "#4b5563";
const RULE = "#d1d5db";
const SHADE = "#f3f4f6";

/** White or ink on the brand colour, whichever reads better (an institution may pick a pale one). */
export function inkOn(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return "#ffffff";
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return lum > 0.4 ? INK : "#ffffff";
}

const s = StyleSheet.create({
  // No lineHeight on the page: with one, react-pdf 4.9 drops a fixed footer that has a render prop (if one is ever added back).
  page: { fontFamily: CARD_FONTS, fontSize: 9, color: INK, paddingTop: 28, paddingBottom: 56, paddingHorizontal: 34 },
  band: { flexDirection: "row", justifyContent: "space-between", alignItems: "flex-end", paddingVertical: 10, paddingHorizontal: 12, borderRadius: 3 },
  bandName: { fontSize: 15, fontWeight: 700 },
  bandSub: { fontSize: 9, marginTop: 2 },
  bandTitle: { fontSize: 12, fontWeight: 700, letterSpacing: 1, textAlign: "right" },
  details: { flexDirection: "row", flexWrap: "wrap", marginTop: 12, marginBottom: 10 },
  detail: { width: "50%", flexDirection: "row", marginBottom: 4, paddingRight: 8 },
  detailWide: { width: "100%", flexDirection: "row", marginBottom: 4 },
  label: { color: MUTED, width: 92 },
  value: { fontWeight: 700, flex: 1 },
  h2: { fontSize: 10, fontWeight: 700, marginTop: 12, marginBottom: 4 },
  table: { borderTopWidth: 1, borderColor: RULE },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderColor: RULE, paddingVertical: 3.5 },
  th: { flexDirection: "row", backgroundColor: SHADE, borderBottomWidth: 1, borderColor: RULE, paddingVertical: 4, fontWeight: 700 },
  cell: { paddingHorizontal: 3 },
  num: { paddingHorizontal: 3, textAlign: "right" },
  centre: { paddingHorizontal: 3, textAlign: "center" },
  fail: { color: "#991b1b", fontWeight: 700 },
  note: { color: MUTED, fontSize: 7.5, marginTop: 4, lineHeight: 1.4 },
  boxes: { flexDirection: "row", marginTop: 12 },
  box: { flex: 1, borderWidth: 1, borderColor: RULE, borderRadius: 3, padding: 7, marginRight: 6 },
  boxLast: { flex: 1, borderWidth: 1, borderColor: RULE, borderRadius: 3, padding: 7 },
  boxLabel: { color: MUTED, fontSize: 8 },
  boxValue: { fontSize: 15, fontWeight: 700, marginTop: 1 },
  boxNote: { color: MUTED, fontSize: 7.5, marginTop: 2 },
  remarks: { borderWidth: 1, borderColor: RULE, borderRadius: 3, padding: 7, minHeight: 34 },
  signs: { flexDirection: "row", justifyContent: "space-between", marginTop: 34 },
  sign: { width: 150, borderTopWidth: 0.75, borderColor: MUTED, paddingTop: 3, textAlign: "center", color: MUTED, fontSize: 8 },
  footer: { position: "absolute", bottom: 22, left: 34, right: 34, flexDirection: "row", justifyContent: "space-between", color: MUTED, fontSize: 7.5 },
});

// Column widths of the college table (A4 less margins is ~527 pt; the course name takes the rest).
const C = { code: 50, credits: 40, part: 52, total: 56, grade: 36, points: 40, result: 46 };

function Band({ data, title }: { data: GradeCardData; title: string }) {
  const ink = inkOn(data.institution.brandColor);
  return (
    <View style={[s.band, { backgroundColor: data.institution.brandColor, color: ink }]}>
      <View style={{ flex: 1, paddingRight: 12 }}>
        <Text style={s.bandName}>{data.institution.name}</Text>
        <Text style={s.bandSub}>{data.term.name}</Text>
      </View>
      <Text style={s.bandTitle}>{title}</Text>
    </View>
  );
}

function Detail({ label, value, wide = false }: { label: string; value: string; wide?: boolean }) {
  return (
    <View style={wide ? s.detailWide : s.detail}>
      <Text style={s.label}>{label}</Text>
      <Text style={s.value}>{value}</Text>
    </View>
  );
}

function Footer({ data }: { data: GradeCardData }) {
  return (
    <View style={s.footer} fixed>
      <Text>
        {data.institution.shortName} · {data.candidate.fullName} · {data.term.name}
      </Text>
      {/* Static, not a page-number render prop: that costs a second layout pass, a fifth of a card's render time. */}
      <Text>Issued on {data.issuedOn}</Text>
    </View>
  );
}

function courseName(c: GradeCardCourse): string {
  return c.attempt > 1 ? `${c.name} (attempt ${c.attempt})` : c.name;
}

function attendanceOf(term: GradeCardTerm, courseId: number) {
  return term.attendance.find((a) => a.courseId === courseId) ?? null;
}

/** Every term on record, oldest first, the card's own term included once. */
function termsOnRecord(data: GradeCardData): GradeCardTerm[] {
  const byId = new Map<number, GradeCardTerm>();
  for (const t of [...data.history, data.term]) byId.set(t.termId, t);
  return [...byId.values()].sort((a, b) => a.order - b.order);
}

export function CollegeGradeCard({ data }: { data: GradeCardData }) {
  const { candidate, term, policy } = data;
  const hasNonCredit = term.courses.some((c) => c.credits <= 0);
  const record = termsOnRecord(data);
  return (
    <Page size="A4" style={s.page}>
      <Band data={data} title="GRADE CARD" />
      <View style={s.details}>
        <Detail label="Name" value={candidate.fullName} />
        <Detail label="Enrolment no." value={candidate.candidateNumber} />
        <Detail label="Program" value={candidate.program ?? "—"} />
        <Detail label="Term" value={term.name} />
        {candidate.guardianNames.length > 0 && <Detail wide label="Parent / guardian" value={candidate.guardianNames.join(", ")} />}
      </View>

      <View style={s.table}>
        <View style={s.th} fixed>
          <Text style={[s.cell, { width: C.code }]}>Code</Text>
          <Text style={[s.cell, { flex: 1 }]}>Course</Text>
          <Text style={[s.num, { width: C.credits }]}>Credits</Text>
          <Text style={[s.num, { width: C.part }]}>Internal</Text>
          <Text style={[s.num, { width: C.part }]}>External</Text>
          <Text style={[s.num, { width: C.total }]}>Total</Text>
          <Text style={[s.centre, { width: C.grade }]}>Grade</Text>
          <Text style={[s.num, { width: C.points }]}>Points</Text>
          <Text style={[s.cell, { width: C.result }]}>Result</Text>
        </View>
        {term.courses.map((c) => (
          <View key={c.courseId} style={s.tr} wrap={false}>
            <Text style={[s.cell, { width: C.code }]}>{c.code}</Text>
            <Text style={[s.cell, { flex: 1 }]}>{courseName(c)}</Text>
            <Text style={[s.num, { width: C.credits }]}>{creditsCell(c.credits)}</Text>
            <Text style={[s.num, { width: C.part }]}>{partCell(c.internal)}</Text>
            <Text style={[s.num, { width: C.part }]}>{partCell(c.external)}</Text>
            <Text style={[s.num, { width: C.total }]}>{partCell(c.total)}</Text>
            <Text style={[s.centre, { width: C.grade, fontWeight: 700 }]}>{c.grade ?? "—"}</Text>
            <Text style={[s.num, { width: C.points }]}>{pointsCell(c.points)}</Text>
            <Text style={[s.cell, { width: C.result }, c.result === "Fail" || c.result === "Absent" ? s.fail : {}]}>{c.result}</Text>
          </View>
        ))}
      </View>
      <Text style={s.note}>
        Marks are awarded / maximum. Points are grade points. SGPA = sum of (credits × points) / sum of credits over the term&apos;s credit courses, a failed
        course counting with 0 points.{hasNonCredit ? " NC: non-credit course, not counted in the SGPA or CGPA." : ""}
      </Text>

      <View style={s.boxes} wrap={false}>
        <View style={s.box}>
          <Text style={s.boxLabel}>SGPA</Text>
          <Text style={s.boxValue}>{gpaCell(term.sgpa, policy)}</Text>
          <Text style={s.boxNote}>
            {term.sgpa.credits} credits graded · {term.sgpa.earned} earned
          </Text>
        </View>
        <View style={s.box}>
          <Text style={s.boxLabel}>CGPA</Text>
          <Text style={s.boxValue}>{gpaCell(data.cgpa, policy)}</Text>
          <Text style={s.boxNote}>
            {data.cgpa.credits} credits graded · {data.cgpa.earned} earned
          </Text>
        </View>
        <View style={s.box}>
          <Text style={s.boxLabel}>Percentage</Text>
          <Text style={s.boxValue}>{percentCell(data.percent.value, 2)}</Text>
          <Text style={s.boxNote}>{data.percent.conversion.formula}</Text>
        </View>
        <View style={s.boxLast}>
          <Text style={s.boxLabel}>Attendance</Text>
          <Text style={s.boxValue}>{attendanceCell(data.attendanceOverall)}</Text>
          <Text style={s.boxNote}>over the term&apos;s sessions</Text>
        </View>
      </View>

      <Text style={s.h2}>Attendance by course</Text>
      <Text>{term.courses.map((c) => `${c.code} ${attendanceCell(attendanceOf(term, c.courseId))}`).join("   ·   ")}</Text>

      {record.length > 1 && (
        <View wrap={false}>
          <Text style={s.h2}>Record of terms</Text>
          <View style={s.table}>
            <View style={s.th}>
              <Text style={[s.cell, { flex: 1 }]}>Term</Text>
              <Text style={[s.num, { width: 90 }]}>Credits graded</Text>
              <Text style={[s.num, { width: 90 }]}>Credits earned</Text>
              <Text style={[s.num, { width: 60 }]}>SGPA</Text>
            </View>
            {record.map((t) => (
              <View key={t.termId} style={s.tr}>
                <Text style={[s.cell, { flex: 1 }]}>{t.name}</Text>
                <Text style={[s.num, { width: 90 }]}>{t.sgpa.credits}</Text>
                <Text style={[s.num, { width: 90 }]}>{t.sgpa.earned}</Text>
                <Text style={[s.num, { width: 60 }]}>{gpaCell(t.sgpa, policy)}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      <View wrap={false}>
        <Text style={s.h2}>Remarks</Text>
        <View style={s.remarks}>
          <Text>{data.remarks ?? ""}</Text>
        </View>
      </View>

      <View style={s.signs} wrap={false}>
        <Text style={s.sign}>Date of issue: {data.issuedOn}</Text>
        <Text style={s.sign}>Controller of examinations</Text>
        <Text style={s.sign}>Principal</Text>
      </View>
      <Footer data={data} />
    </Page>
  );
}

// Column widths of the school table.
const S = { part: 86, total: 86, percent: 54, grade: 44 };

export function SchoolReportCard({ data }: { data: GradeCardData }) {
  const { candidate, term } = data;
  return (
    <Page size="A4" style={s.page}>
      <Band data={data} title="REPORT CARD" />
      <View style={s.details}>
        <Detail label="Student's name" value={candidate.fullName} />
        <Detail label="Admission no." value={candidate.candidateNumber} />
        <Detail label="Class" value={candidate.program ?? "—"} />
        <Detail label="Term" value={term.name} />
        {candidate.guardianNames.length > 0 && <Detail wide label="Parents" value={candidate.guardianNames.join(", ")} />}
      </View>

      <Text style={s.h2}>Part 1: Scholastic areas</Text>
      <View style={s.table}>
        <View style={s.th} fixed>
          <Text style={[s.cell, { flex: 1 }]}>Subject</Text>
          <Text style={[s.num, { width: S.part }]}>Periodic assessment</Text>
          <Text style={[s.num, { width: S.part }]}>Term examination</Text>
          <Text style={[s.num, { width: S.total }]}>Marks obtained</Text>
          <Text style={[s.num, { width: S.percent }]}>Percent</Text>
          <Text style={[s.centre, { width: S.grade }]}>Grade</Text>
        </View>
        {term.courses.map((c) => (
          <View key={c.courseId} style={s.tr} wrap={false}>
            <Text style={[s.cell, { flex: 1 }]}>{courseName(c)}</Text>
            <Text style={[s.num, { width: S.part }]}>{partCell(c.internal)}</Text>
            <Text style={[s.num, { width: S.part }]}>{partCell(c.external)}</Text>
            <Text style={[s.num, { width: S.total }]}>{partCell(c.total)}</Text>
            <Text style={[s.num, { width: S.percent }]}>{percentCell(c.percent)}</Text>
            <Text style={[s.centre, { width: S.grade, fontWeight: 700 }]}>{c.result === "Absent" ? "Ab" : (c.grade ?? "—")}</Text>
          </View>
        ))}
      </View>
      <Text style={s.note}>Marks are obtained / maximum. Periodic assessment is the internal part of each subject, the term examination the external.</Text>

      <View style={s.boxes} wrap={false}>
        <View style={s.box}>
          <Text style={s.boxLabel}>Attendance</Text>
          <Text style={s.boxValue}>{attendanceCell(data.attendanceOverall)}</Text>
          <Text style={s.boxNote}>over the term&apos;s working days</Text>
        </View>
        <View style={s.boxLast}>
          <Text style={s.boxLabel}>Subjects</Text>
          <Text style={s.boxValue}>{term.courses.length}</Text>
          <Text style={s.boxNote}>
            {term.courses.filter((c) => c.result === "Pass").length} passed
            {term.courses.some((c) => c.result === "Pending") ? ` · ${term.courses.filter((c) => c.result === "Pending").length} pending` : ""}
          </Text>
        </View>
      </View>

      <Text style={s.h2}>Attendance by subject</Text>
      <Text>{term.courses.map((c) => `${c.name} ${attendanceCell(attendanceOf(term, c.courseId))}`).join("   ·   ")}</Text>

      <View wrap={false}>
        <Text style={s.h2}>Class teacher&apos;s remarks</Text>
        <View style={s.remarks}>
          <Text>{data.remarks ?? ""}</Text>
        </View>
      </View>

      <View style={s.signs} wrap={false}>
        <Text style={s.sign}>Class teacher</Text>
        <Text style={s.sign}>Principal</Text>
        <Text style={s.sign}>Parent</Text>
      </View>
      <Footer data={data} />
    </Page>
  );
}

/** One candidate's card as a whole document, its variant chosen by the data. */
export function GradeCardDocument({ data }: { data: GradeCardData }) {
  const title = `${data.variant === "school" ? "Report card" : "Grade card"}: ${data.candidate.fullName}, ${data.term.name}`;
  return (
    <Document title={title} author={data.institution.name} creator="Markbook" producer="Markbook" language="en-IN">
      {data.variant === "school" ? <SchoolReportCard data={data} /> : <CollegeGradeCard data={data} />}
    </Document>
  );
}
