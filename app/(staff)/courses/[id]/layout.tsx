import { CourseTabs } from "@/components/courses/course-tabs";
import { idParam } from "@/lib/params";

export default async function CourseLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const id = idParam((await params).id);
  return (
    <div className="flex h-full flex-col">
      <CourseTabs courseId={id} />
      {children}
    </div>
  );
}
