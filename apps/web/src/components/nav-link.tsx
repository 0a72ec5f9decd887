"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A main-navigation link that marks the section you are in (aria-current), for sight and screen readers. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className="text-sm text-slate-700 hover:text-slate-900 aria-[current=page]:font-medium aria-[current=page]:text-indigo-700"
    >
      {children}
    </Link>
  );
}
