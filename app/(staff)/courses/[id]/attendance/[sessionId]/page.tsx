import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate } from "@/lib/format";
import { getCourse } from "@/db/queries/courses";
import { getRegister } from "@/db/queries/attendance";
import { RegisterForm } from "@/components/courses/register-form";

export const metadata: Metadata = { title: "Register" };

export default async function RegisterPage({ params }: { params: Promise<{ id: string; sessionId: string }> }) {
  const user = await requirePermission("attendance.read");
  const p = await params;
  const courseId = idParam(p.id);
  const sessionId = idParam(p.sessionId);
  const course = await loadOr404(getCourse(user, courseId));
  const register = await loadOr404(getRegister(user, sessionId));
  if (register.session.courseId !== courseId) notFound();
  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-muted-foreground">
          <Link href={`/courses/${courseId}/attendance`} className="hover:underline">
            {course.code} attendance
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">
          Register for {formatDate(register.session.heldOn)}
          {register.session.topic ? ` — ${register.session.topic}` : ""}
        </h1>
        {!register.taken && <p className="text-sm text-muted-foreground">Not taken yet: everyone is shown as present until you save.</p>}
      </div>
      <RegisterForm sessionId={sessionId} courseId={courseId} rows={register.rows} locked={course.termLocked} counting={register.counting} />
    </div>
  );
}
