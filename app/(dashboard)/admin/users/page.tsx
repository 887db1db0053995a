import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/shell/page-header";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listUsers } from "@/lib/dal/users";
import { DateTime } from "@/components/time/time-zone";
import { CreateUserForm } from "./_components/create-user-form";
import { RoleForm } from "./_components/role-form";
import { DisableForm } from "./_components/disable-form";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requirePermission("users:read");
  const users = await listUsers(viewer);

  return (
    <>
      <PageHeader title="Users" description="Staff who can sign in, and what their role lets them do." />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card>
          <CardHeader>
            <CardTitle>{users.length} users</CardTitle>
          </CardHeader>
          <ul className="divide-y divide-slate-100" data-testid="user-list">
            {users.map((user) => (
              <li key={user.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid={`user-row-${user.email}`}>
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {user.name} {user.disabled && <Badge tone="bad">Disabled</Badge>}
                  </p>
                  <p className="truncate text-sm text-slate-600">{user.email}</p>
                  <p className="text-xs text-slate-500">Last sign-in: {user.lastLoginAt ? <DateTime value={user.lastLoginAt} withZone /> : "never"}</p>
                </div>
                {user.id === viewer.id ? (
                  <Badge tone="info" className="self-start sm:self-auto">{ROLE_LABELS[user.role]} (you)</Badge>
                ) : (
                  <div className="flex flex-wrap items-center gap-2">
                    <RoleForm userId={user.id} email={user.email} role={user.role} />
                    <DisableForm userId={user.id} email={user.email} disabled={user.disabled} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Add a user</CardTitle>
          </CardHeader>
          <CardBody>
            <CreateUserForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
