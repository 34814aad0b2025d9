"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { SEEN_EVENT } from "@/components/shell/sidebar-nav";

/**
 * Opening a page marks what it shows as seen, so the "new" badge in the navigation drops.
 * With `badge`, the navigation is told directly (SEEN_EVENT) and nothing is re-rendered;
 * without, the page is refreshed so its counts say so. Until that is done a `data-settling`
 * marker says the page is still changing under the reader, and the end-to-end tests wait for
 * it to go (as for skeletons) instead of reading a page that is about to change.
 */
export function MarkSeenOnOpen({ mark, badge }: { mark: () => Promise<boolean>; badge?: string }) {
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
        if (changed && badge) window.dispatchEvent(new CustomEvent(SEEN_EVENT, { detail: { badge } }));
        else if (changed) startRefresh(() => router.refresh());
        setMarking(false);
      });
    return () => {
      live = false;
    };
  }, [router, badge]);
  return marking || refreshing ? <span data-settling hidden /> : null;
}
