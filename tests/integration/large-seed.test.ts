import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { client, db } from "@/db/client";
import { candidates, courseResults } from "@/db/schema";
import { loadCandidateResults } from "@/db/queries/internal/results";
import { seedLarge } from "@/db/seed/large";
import { roundHalfUp } from "@/lib/results";

let out: Awaited<ReturnType<typeof seedLarge>>;

describe("the large-institution generator (small sizes)", () => {
  beforeAll(async () => {
    out = await seedLarge({
      candidates: 300,
      programs: 3,
      courses: 12,
      perCandidate: 4,
      assessments: 6,
      sessions: 8,
      leads: 60,
      tasks: 120,
      interactions: 120,
      hugeCandidates: 40,
      hugeAssessments: 15,
      faculty: 6,
    });
  }, 120_000);

  it("satisfies the schema's constraints and SQLite's integrity check", async () => {
    expect((await client.execute("pragma integrity_check")).rows[0][0]).toBe("ok");
    expect((await client.execute("pragma foreign_key_check")).rows).toHaveLength(0);
    const count = async (q: string) => Number((await client.execute(q)).rows[0][0]);
    expect(await count("select count(*) from candidates")).toBe(300);
    expect(await count("select count(*) from (select assessment_id, candidate_id from marks group by 1, 2 having count(*) > 1)")).toBe(0);
    expect(await count("select count(*) from (select session_id, candidate_id from attendance group by 1, 2 having count(*) > 1)")).toBe(0);
    expect(await count("select count(*) from marks m join assessments a on a.id = m.assessment_id where m.score > a.max_score or m.score < 0")).toBe(0);
    // Every mark belongs to an enrolled candidate, and has its history.
    expect(
      await count(
        "select count(*) from marks m join assessments a on a.id = m.assessment_id where not exists (select 1 from enrolments e where e.course_id = a.course_id and e.candidate_id = m.candidate_id)",
      ),
    ).toBe(0);
    expect(await count("select count(*) from marks")).toBe(await count("select count(distinct mark_id) from mark_changes"));
    expect(out.hugeCourseId).not.toBeNull();
    expect(await count(`select count(*) from marks m join assessments a on a.id = m.assessment_id where a.course_id = ${out.hugeCourseId}`)).toBe(40 * 15);
  });

  it("stores results that equal lib/results recomputed from the marks, for every candidate of a sample", async () => {
    const sample = await db.select({ id: candidates.id }).from(candidates).limit(40);
    let compared = 0;
    let underScheme = 0;
    for (const { id } of sample) {
      const live = await loadCandidateResults(db, id);
      for (const c of live.courses) {
        const [stored] = await db
          .select()
          .from(courseResults)
          .where(and(eq(courseResults.candidateId, id), eq(courseResults.courseId, c.courseId)));
        expect(stored, `stored result for candidate ${id}, course ${c.courseId}`).toBeDefined();
        if (c.result.percent === null) expect(stored.percent).toBeNull();
        else expect(stored.percent).toBeCloseTo(c.result.percent, 9);
        expect(stored.shown).toBe(c.result.shown);
        expect(stored.grade).toBe(c.grade);
        expect(stored.attendanceShown).toBe(c.attendance.rate === null ? null : roundHalfUp(c.attendance.rate, 1));
        // Under the course's scheme (the huge course has a multi-component one).
        expect(stored.total).toBe(c.schemeResult.total);
        expect(stored.outcome).toBe(c.schemeResult.outcome);
        expect(stored.schemeVersion).toBe(c.schemeVersion);
        if (c.courseId === out.hugeCourseId) underScheme += 1;
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(40);
    expect(underScheme).toBeGreaterThan(0);
  });
});
