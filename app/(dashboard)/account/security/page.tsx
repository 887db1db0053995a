import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getMySecurity } from "@/lib/dal/account";
import { zoneOf } from "@/lib/auth/viewer";
import { formatDateTimeWithZone } from "@/lib/format";
import { ChangePasswordForm } from "./_components/change-password-form";
import { SessionList } from "./_components/session-list";
import { TwoFactorActions } from "./_components/two-factor-actions";
import { DateTime } from "../../_components/date-time";

export const metadata = { title: "Account security" };

export default async function AccountSecurityPage() {
  const viewer = await requirePermission("dashboard:view");
  const security = await getMySecurity(viewer);

  return (
    <>
      <PageHeader title="Account security" description="Your sessions, password and two-factor sign-in." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Where you are signed in</CardTitle>
            <p className="text-sm text-slate-600">Sessions end after a period without activity, and at the latest after their full lifetime.</p>
          </CardHeader>
          <CardBody>
            <SessionList sessions={security.sessions.map((session) => ({ ...session, createdAtLabel: formatDateTimeWithZone(session.createdAt, zoneOf(viewer)), lastActiveLabel: formatDateTimeWithZone(session.lastActiveAt, zoneOf(viewer)) }))} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Two-factor sign-in</CardTitle>
            <p className="text-sm text-slate-600">
              {security.twoFactorEnabled ? (
                <Badge tone="good" data-testid="two-factor-status">On</Badge>
              ) : (
                <Badge tone="warn" data-testid="two-factor-status">Off</Badge>
              )}{" "}
              {security.twoFactorRequired ? "Required for your account." : "Recommended."}
            </p>
          </CardHeader>
          <CardBody className="flex flex-col gap-4">
            {security.twoFactorEnabled ? (
              <>
                <p className="text-sm text-slate-600" data-testid="recovery-codes-left">
                  {security.recoveryCodesLeft} unused recovery code{security.recoveryCodesLeft === 1 ? "" : "s"} left.
                </p>
                <TwoFactorActions canDisable={!security.twoFactorRequired} />
              </>
            ) : (
              <Link href="/login/enrol?callbackUrl=%2Faccount%2Fsecurity" className={buttonVariants()}>
                Set up two-factor sign-in
              </Link>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Password</CardTitle>
            <p className="text-sm text-slate-600">
              {security.passwordChangedAt ? <>Last changed <DateTime value={security.passwordChangedAt} withZone />.</> : "Never changed here."} Changing it signs out your other sessions.
            </p>
          </CardHeader>
          <CardBody>
            <ChangePasswordForm />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
