import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { type TRole } from "@/lib/contracts/roles";

const ITEMS = [
  { href: "/admin", label: "User accounts", permission: "admin:users" },
  { href: "/admin/audit", label: "Audit log", permission: "admin:audit" },
  { href: "/admin/languages", label: "Patient languages", permission: "admin:users" },
] as const;

/** The administration section's own navigation, each entry shown to roles holding its permission. */
export function AdminNav({ role, current }: { role: TRole; current: (typeof ITEMS)[number]["href"] }) {
  return (
    <nav className="sub-nav" aria-label="Administration">
      <ul>
        {ITEMS.filter((item) => can(role, item.permission)).map((item) => (
          <li key={item.href}>
            <Link href={item.href} aria-current={item.href === current ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
