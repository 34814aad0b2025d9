"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Mail, MessageSquare, Phone, Users } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { NativeSelect } from "@/components/ui/native-select";
import { FormMessage } from "@/components/forms/form-message";
import { INTERACTION_KINDS, type InteractionKind } from "@/lib/constants";
import { formatDateTime } from "@/lib/format";
import { addInteractionAction, deleteInteractionAction, updateInteractionAction } from "@/app/(staff)/interactions/actions";
import { DeleteButton } from "./delete-button";

export type TimelineItem = {
  id: number;
  kind: InteractionKind;
  body: string;
  occurredAt: string;
  author: string | null;
  userId: number | null;
  edited: boolean;
};

const ICON = { note: MessageSquare, call: Phone, email: Mail, meeting: Users } as const;
const LABEL: Record<InteractionKind, string> = { note: "Note", call: "Call", email: "Email", meeting: "Meeting" };

/** Notes, calls, emails and meetings about a lead, candidate or contact; latest first. */
export function Timeline({
  subject,
  subjectId,
  items,
  currentUserId,
  canDelete,
}: {
  subject: "lead" | "candidate" | "contact";
  subjectId: number;
  items: TimelineItem[];
  currentUserId: number;
  canDelete: boolean;
}) {
  const router = useRouter();
  const [state, formAction, pending] = React.useActionState(addInteractionAction, null);
  const formRef = React.useRef<HTMLFormElement>(null);
  React.useEffect(() => {
    if (state?.ok) {
      formRef.current?.reset();
      toast.success("Interaction added");
      router.refresh();
    }
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="space-y-4">
      <form ref={formRef} action={formAction} className="space-y-2" noValidate>
        <FormMessage state={state} />
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="subjectId" value={subjectId} />
        <div className="flex flex-col gap-2 sm:flex-row">
          <label className="sm:w-36">
            <span className="sr-only">Type</span>
            <NativeSelect name="kind" defaultValue={values?.kind ?? "note"} aria-label="Type">
              {INTERACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LABEL[k]}
                </option>
              ))}
            </NativeSelect>
          </label>
          <div className="flex-1 space-y-1">
            <Textarea
              name="body"
              rows={2}
              aria-label="Content"
              defaultValue={values?.body}
              placeholder="Write a note, paste email content or a call summary…"
              aria-invalid={!!errors?.body || undefined}
              aria-describedby={errors?.body ? "interaction-body-error" : undefined}
            />
            {errors?.body && (
              <p id="interaction-body-error" className="text-sm text-destructive">
                {errors.body[0]}
              </p>
            )}
          </div>
        </div>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? "Adding…" : "Add interaction"}
        </Button>
      </form>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No interactions yet — add one above.</p>
      ) : (
        <ol className="space-y-3" data-testid="timeline">
          {items.map((it) => (
            <TimelineEntry key={it.id} item={it} canEdit={it.userId === currentUserId} canDelete={canDelete} />
          ))}
        </ol>
      )}
    </div>
  );
}

function TimelineEntry({ item, canEdit, canDelete }: { item: TimelineItem; canEdit: boolean; canDelete: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = React.useState(false);
  const [body, setBody] = React.useState(item.body);
  const [kind, setKind] = React.useState<InteractionKind>(item.kind);
  const Icon = ICON[item.kind];
  return (
    <li className="flex gap-3 rounded-lg border p-3">
      <Icon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-xs text-muted-foreground">
          <span className="font-medium text-foreground">{LABEL[item.kind]}</span> · {item.author ?? "Someone"} · {formatDateTime(item.occurredAt)}
          {item.edited && " · edited"}
        </p>
        {editing ? (
          <form
            className="space-y-2"
            onSubmit={async (e) => {
              e.preventDefault();
              const r = await updateInteractionAction(null, { id: item.id, kind, body });
              if (r.ok) {
                setEditing(false);
                router.refresh();
              } else toast.error(r.message);
            }}
          >
            <NativeSelect value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)} aria-label="Type">
              {INTERACTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {LABEL[k]}
                </option>
              ))}
            </NativeSelect>
            <Textarea value={body} onChange={(e) => setBody(e.target.value)} aria-label="Content" />
            <div className="flex gap-2">
              <Button size="sm" type="submit">
                Save
              </Button>
              <Button size="sm" type="button" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <p className="whitespace-pre-wrap text-sm">{item.body}</p>
        )}
      </div>
      <div className="flex shrink-0 items-start">
        {canEdit && !editing && (
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
        {canDelete && (
          <DeleteButton
            id={item.id}
            label="this interaction"
            description="It disappears from the timeline; the audit trail keeps a copy."
            action={deleteInteractionAction}
          />
        )}
      </div>
    </li>
  );
}
