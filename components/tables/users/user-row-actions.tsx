"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { MoreHorizontal } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { NativeSelect } from "@/components/ui/native-select";
import { CopyLink } from "@/components/forms/copy-link";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/constants";
import type { ActionResult } from "@/lib/action";
import type { PublicUser } from "@/db/queries/users";
import { changeRoleAction, deleteUserAction, reissueInvitationAction, resetPasswordAction, setActiveAction } from "@/app/(staff)/admin/users/actions";

/** A staff account as the list shows it; "invited" means no password has been set yet. */
export type UserRow = Pick<PublicUser, "id" | "fullName" | "email" | "role" | "active"> & { invited: boolean };

type Confirm = { title: string; description: string; confirmLabel: string; destructive?: boolean; run: () => Promise<void> };

export function UserRowActions({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [link, setLink] = useState<{ title: string; link: string } | null>(null);
  const [roleOpen, setRoleOpen] = useState(false);
  const [role, setRole] = useState<Role>(user.role);

  function run<T>(p: Promise<ActionResult<T>>, success: string, then?: (data: T) => void) {
    start(async () => {
      const r = await p;
      if (r.ok) {
        toast.success(success);
        then?.(r.data);
        router.refresh();
      } else toast.error(r.message);
    });
  }

  return (
    <>
      <DropdownMenu modal={false}>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="icon" aria-label={`Actions for ${user.fullName}`} disabled={pending}>
            <MoreHorizontal className="size-4" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>{user.fullName}</DropdownMenuLabel>
          <DropdownMenuItem onSelect={() => setRoleOpen(true)}>Change role…</DropdownMenuItem>
          {user.invited ? (
            <DropdownMenuItem
              onSelect={() =>
                run(reissueInvitationAction(null, { userId: user.id }), "New invitation link issued", (d) =>
                  setLink({ title: "Invitation link", link: d.link }),
                )
              }
            >
              New invitation link
            </DropdownMenuItem>
          ) : (
            <DropdownMenuItem
              onSelect={() =>
                setConfirm({
                  title: `Issue a password reset link for ${user.fullName}?`,
                  description: "Their current password keeps working until they use the link.",
                  confirmLabel: "Issue link",
                  run: async () =>
                    run(resetPasswordAction(null, { userId: user.id }), "Reset link issued", (d) => setLink({ title: "Password reset link", link: d.link })),
                })
              }
            >
              Reset password
            </DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          {!isSelf && (
            <DropdownMenuItem
              onSelect={() =>
                setConfirm(
                  user.active
                    ? {
                        title: `Deactivate ${user.fullName}?`,
                        description: "They are signed out at once and cannot sign in until reactivated. Their records stay.",
                        confirmLabel: "Deactivate",
                        destructive: true,
                        run: async () => run(setActiveAction(null, { userId: user.id, active: "false" }), `${user.fullName} deactivated`),
                      }
                    : {
                        title: `Reactivate ${user.fullName}?`,
                        description: "They can sign in again with their password.",
                        confirmLabel: "Reactivate",
                        run: async () => run(setActiveAction(null, { userId: user.id, active: "true" }), `${user.fullName} reactivated`),
                      },
                )
              }
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </DropdownMenuItem>
          )}
          {!isSelf && (
            <DropdownMenuItem
              className="text-destructive focus:text-destructive"
              onSelect={() =>
                setConfirm({
                  title: `Delete ${user.fullName}?`,
                  description:
                    "The account is removed for good. The records they created stay, and the audit trail keeps their name. Deactivating is usually better.",
                  confirmLabel: "Delete user",
                  destructive: true,
                  run: async () => run(deleteUserAction(null, { userId: user.id }), `${user.fullName} deleted`),
                })
              }
            >
              Delete…
            </DropdownMenuItem>
          )}
        </DropdownMenuContent>
      </DropdownMenu>

      <AlertDialog open={!!confirm} onOpenChange={(o) => !o && setConfirm(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>{confirm?.title}</AlertDialogTitle>
            <AlertDialogDescription>{confirm?.description}</AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              className={confirm?.destructive ? "bg-destructive text-white hover:bg-destructive/90" : undefined}
              onClick={() => {
                void confirm?.run();
                setConfirm(null);
              }}
            >
              {confirm?.confirmLabel}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <Dialog open={roleOpen} onOpenChange={setRoleOpen}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Change role of {user.fullName}</DialogTitle>
            <DialogDescription>Their access changes with their next click.</DialogDescription>
          </DialogHeader>
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              setRoleOpen(false);
              run(changeRoleAction(null, { userId: user.id, role }), `${user.fullName} is now ${ROLE_LABELS[role]}`);
            }}
          >
            <label className="grid gap-2 text-sm font-medium">
              Role
              <NativeSelect value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </NativeSelect>
            </label>
            <DialogFooter>
              <Button type="submit" disabled={role === user.role}>
                Change role
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={!!link} onOpenChange={(o) => !o && setLink(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{link?.title}</DialogTitle>
            <DialogDescription>Copy it and send it to {user.fullName}.</DialogDescription>
          </DialogHeader>
          {link && <CopyLink link={link.link} label={link.title} />}
        </DialogContent>
      </Dialog>
    </>
  );
}
