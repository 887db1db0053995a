import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/shell/page-header";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listLocks, listUsers } from "@/lib/dal/users";
import { DateTime } from "../../_components/date-time";
import { zoneOf } from "@/lib/auth/viewer";
import { formatDateTimeWithZone } from "@/lib/format";
import { CreateUserForm } from "./_components/create-user-form";
import { RoleForm } from "./_components/role-form";
import { DisableForm } from "./_components/disable-form";
import { LocksCard } from "./_components/locks-card";
import { UserSecurityActions } from "./_components/user-security-actions";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const viewer = await requirePermission("users:read");
  const canManage = can(viewer.role, "users:manage");
  const [users, locks] = await Promise.all([listUsers(viewer), canManage ? listLocks(viewer) : Promise.resolve([])]);

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
                    {user.name} {user.disabled && <Badge tone="bad">Disabled</Badge>}{" "}
                    {user.twoFactorEnabled ? <Badge tone="good">2FA</Badge> : <Badge tone="neutral">No 2FA</Badge>}{" "}
                    {user.mustChangePassword && <Badge tone="warn">Temporary password</Badge>}
                  </p>
                  <p className="truncate text-sm text-slate-600">{user.email}</p>
                  <p className="text-xs text-slate-500">Last sign-in: {user.lastLoginAt ? <DateTime value={user.lastLoginAt} withZone /> : "never"}</p>
                </div>
                {user.id === viewer.id ? (
                  <Badge tone="info" className="self-start sm:self-auto">{ROLE_LABELS[user.role]} (you)</Badge>
                ) : (
                  <div className="flex flex-col gap-2 sm:items-end">
                    <div className="flex flex-wrap items-center gap-2">
                      <RoleForm userId={user.id} email={user.email} role={user.role} />
                      <DisableForm userId={user.id} email={user.email} disabled={user.disabled} />
                    </div>
                    <UserSecurityActions userId={user.id} email={user.email} twoFactorEnabled={user.twoFactorEnabled} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Add a user</CardTitle>
            </CardHeader>
            <CardBody>
              <CreateUserForm />
            </CardBody>
          </Card>
          {canManage && <LocksCard locks={locks.map((lock) => ({ scope: lock.scope, subject: lock.subject, failures: lock.failures, lockedUntilLabel: formatDateTimeWithZone(lock.lockedUntil, zoneOf(viewer)) }))} />}
        </div>
      </div>
    </>
  );
}
