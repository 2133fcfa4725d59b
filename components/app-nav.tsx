"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export function AppNav({ items }: { items: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The most specific match is the current page (/review/insight is Insight, not Review).
  const matches = items.filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`));
  const currentHref = matches.toSorted((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {items.map((item) => {
          const current = item.href === currentHref;
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? "page" : undefined}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
