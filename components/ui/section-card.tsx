import * as React from "react";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

type SectionCardProps = Omit<React.ComponentProps<typeof Card>, "title"> & {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or links at the top right (a dialog trigger, "View all"). */
  actions?: React.ReactNode;
  /** A decorative icon before the heading. */
  icon?: React.ReactNode;
  /** The heading's place in the page outline: 1 for a card that is the whole page (sign-in), else 2 or 3. */
  level?: 1 | 2 | 3;
  contentClassName?: string;
};

/**
 * A section of a screen: a card with a real heading, an optional description and actions, and
 * its content (none for a card that is only a notice). The one scaffold over shadcn's Card parts.
 */
function SectionCard({ title, description, actions, icon, level = 2, contentClassName, className, children, ...props }: SectionCardProps) {
  const Heading = `h${level}` as const;
  return (
    // min-w-0: in a grid or flex row the card may be narrower than its table, which then
    // scrolls inside it, instead of the card pushing past the screen's edge (a phone's width).
    <Card className={cn("min-w-0", className)} {...props}>
      <CardHeader>
        <CardTitle className={icon ? "flex items-center gap-2" : undefined}>
          {icon}
          <Heading className={level === 1 ? "text-xl" : undefined}>{title}</Heading>
        </CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
        {actions && <CardAction>{actions}</CardAction>}
      </CardHeader>
      {children !== undefined && <CardContent className={contentClassName}>{children}</CardContent>}
    </Card>
  );
}

export { SectionCard, type SectionCardProps };
