import Link from "next/link";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/shell/page-header";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const viewer = await requirePermission("dashboard:view");
  const sections = [
    { href: "/customers", title: "Customers", text: "Search and page through each account's customers.", show: can(viewer.role, "customers:read") },
    { href: "/transactions", title: "Transactions", text: "Sales, refunds and voids, with their batches.", show: can(viewer.role, "transactions:read") },
    { href: "/access-ids", title: "Access IDs", text: "The ClientPay credential every call rides on.", show: can(viewer.role, "access-ids:read") },
    { href: "/admin/users", title: "Users", text: "Staff accounts and their roles.", show: can(viewer.role, "users:read") },
  ].filter((section) => section.show);

  return (
    <>
      <PageHeader title={`Welcome, ${viewer.name}`} description={`Signed in as ${ROLE_LABELS[viewer.role]}.`} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {sections.map((section) => (
          <Card key={section.href}>
            <CardHeader>
              <CardTitle>
                <Link href={section.href} className="hover:underline">
                  {section.title}
                </Link>
              </CardTitle>
            </CardHeader>
            <CardBody className="text-sm text-slate-600">{section.text}</CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
