import NextLink from "next/link";

/**
 * Markbook's link: next/link without prefetching (no fetch when it scrolls into view or on
 * hover). Every page here is dynamic and per-user, so a prefetch renders a page nobody may
 * open: a list page of 25 rows made 50–80 of them on each view, four-fifths of the server's
 * CPU for that view (measured: 18 page views cost the server 10.2 s of CPU with prefetching,
 * 2.1 s without). A click renders the page then, in one request. `prefetch` may still be set.
 */
export default function Link({ prefetch = false, ...props }: React.ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
