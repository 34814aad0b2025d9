"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { FormDialog } from "@/components/forms/form-dialog";
import { createCourseAction, updateCourseAction } from "@/app/(staff)/courses/actions";

type Option = { id: number; label: string };
type Course = {
  id: number;
  code: string;
  name: string;
  programId: number;
  termId: number;
  credits: number;
  minAttendance: number | null;
  teacherIds: number[];
};

export function CourseFormDialog({
  course,
  programs,
  terms,
  faculty,
  trigger,
}: {
  course?: Course;
  programs: Option[];
  terms: Option[];
  faculty: Option[];
  trigger?: React.ReactNode;
}) {
  return (
    <FormDialog
      trigger={trigger ?? <Button>{course ? "Edit course" : "New course"}</Button>}
      title={course ? `Edit ${course.code}` : "New course"}
      description="A course belongs to one program and one term, and is taught by one or more faculty members."
      action={course ? updateCourseAction : createCourseAction}
      submitLabel={course ? "Save course" : "Create course"}
      successMessage={course ? "Course saved" : "Course created"}
    >
      {({ errors, values }) => (
        <>
          {course && <input type="hidden" name="id" value={course.id} />}
          <div className="grid gap-4 sm:grid-cols-[1fr_2fr]">
            <FormField label="Code" name="code" error={errors?.code?.[0]} required>
              <Input name="code" defaultValue={values?.code ?? course?.code} placeholder="PHY101" />
            </FormField>
            <FormField label="Name" name="name" error={errors?.name?.[0]} required>
              <Input name="name" defaultValue={values?.name ?? course?.name} placeholder="Physics I" />
            </FormField>
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <FormField label="Program" name="programId" error={errors?.programId?.[0]} required>
              <NativeSelect name="programId" defaultValue={values?.programId ?? course?.programId ?? ""}>
                <option value="">Choose…</option>
                {programs.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Term" name="termId" error={errors?.termId?.[0]} required>
              <NativeSelect name="termId" defaultValue={values?.termId ?? course?.termId ?? ""}>
                <option value="">Choose…</option>
                {terms.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </NativeSelect>
            </FormField>
            <FormField label="Credits" name="credits" error={errors?.credits?.[0]} required>
              <Input name="credits" inputMode="decimal" defaultValue={values?.credits ?? course?.credits ?? 3} />
            </FormField>
          </div>
          <FormField
            label="Attendance minimum (%)"
            name="minAttendance"
            error={errors?.minAttendance?.[0]}
            description="Leave blank to use the program’s minimum. The condonation band keeps the program’s depth below this figure."
          >
            <Input
              name="minAttendance"
              inputMode="decimal"
              className="sm:w-32"
              defaultValue={values?.minAttendance ?? course?.minAttendance ?? ""}
              placeholder="Program’s"
            />
          </FormField>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Teachers</legend>
            {errors?.teacherIds?.[0] && <p className="text-sm text-destructive">{errors.teacherIds[0]}</p>}
            <div className="grid max-h-40 gap-1 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
              {faculty.map((f) => (
                <label key={f.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="teacherIds" value={f.id} defaultChecked={course?.teacherIds.includes(f.id)} className="size-4 accent-primary" />
                  {f.label}
                </label>
              ))}
              {faculty.length === 0 && <p className="text-sm text-muted-foreground">Invite faculty members first.</p>}
            </div>
          </fieldset>
        </>
      )}
    </FormDialog>
  );
}
