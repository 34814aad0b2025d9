import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, courses } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { createCourse } from "@/db/queries/courses";
import { deleteCourseAction } from "@/app/(staff)/courses/actions";
import { makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

describe("deleting a course from the list", () => {
  it("removes a course with nothing in it, and refuses one with enrolments, saying why", async () => {
    const admin = await makeUser("admin");
    const { course, program, term, teacher } = await makeCourse({ candidates: 1 });
    const empty = await createCourse(SYSTEM, {
      code: "MISTAKE1",
      name: "Made by mistake",
      programId: program.id,
      termId: term.id,
      credits: 2,
      teacherIds: [teacher.id],
    });
    signInAs(admin);
    const refused = await deleteCourseAction(null, { id: course.id });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/1 enrolment\(s\); it cannot be deleted/) });
    expect(await db.select().from(courses).where(eq(courses.id, course.id))).toHaveLength(1);
    expect(await deleteCourseAction(null, { id: empty.id })).toMatchObject({ ok: true });
    expect(await db.select().from(courses).where(eq(courses.id, empty.id))).toHaveLength(0);
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "course"), eq(auditEvents.entityId, String(empty.id)), eq(auditEvents.action, "delete")));
    expect(event).toMatchObject({ actorId: admin.id, before: expect.objectContaining({ code: "MISTAKE1" }), after: null });
    // Faculty cannot, even for a course they teach.
    const other = await createCourse(SYSTEM, {
      code: "MISTAKE2",
      name: "Also a mistake",
      programId: program.id,
      termId: term.id,
      credits: 2,
      teacherIds: [teacher.id],
    });
    signInAs(teacher);
    expect(await deleteCourseAction(null, { id: other.id })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(null);
  });
});
