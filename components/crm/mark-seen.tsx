"use client";

import * as React from "react";
import { useRouter } from "next/navigation";

/**
 * Opening a page marks what it shows as seen (the "new" counts drop), then refreshes the page
 * so its counts say so. Until that refresh has landed the page is still changing under the
 * reader: a `data-settling` marker says so, and the end-to-end tests wait for it to go (as for
 * skeletons) instead of reading a page that is about to be replaced.
 */
export function MarkSeenOnOpen({ mark }: { mark: () => Promise<boolean> }) {
  const router = useRouter();
  const [marking, setMarking] = React.useState(true);
  const [refreshing, startRefresh] = React.useTransition();
  const markRef = React.useRef(mark);
  React.useEffect(() => {
    let live = true;
    void markRef
      .current()
      .catch(() => false)
      .then((changed) => {
        if (!live) return;
        if (changed) startRefresh(() => router.refresh());
        setMarking(false);
      });
    return () => {
      live = false;
    };
  }, [router]);
  return marking || refreshing ? <span data-settling hidden /> : null;
}
