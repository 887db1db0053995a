import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { DateTime } from "../_components/date-time";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getProfile } from "@/lib/dal/profile";
import { DEFAULT_TIME_ZONE, listTimeZones } from "@/lib/time-zone";
import { TimeZoneForm } from "./_components/time-zone-form";

export const metadata = { title: "Your profile" };

/** The signed-in user's own page: who they are, their time zone, and the way to their security settings. */
export default async function AccountPage() {
  const viewer = await requirePermission("profile:update");
  const profile = await getProfile(viewer);
  const zone = profile.timeZone ?? DEFAULT_TIME_ZONE;

  return (
    <>
      <PageHeader title="Your profile" description={`${profile.name} · ${profile.email} · ${profile.role}`} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Time zone</CardTitle>
            <p className="text-sm text-slate-600">
              Every date you see, every date filter and every export is in this zone. It is now <DateTime value={new Date()} withZone /> there.
              {!profile.timeZone && " Your browser's zone is saved on your first visit; until then dates show in UTC."}
            </p>
          </CardHeader>
          <CardBody>
            <TimeZoneForm current={zone} zones={listTimeZones()} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Security</CardTitle>
            <p className="text-sm text-slate-600">Your password, two-step sign-in and the devices signed in as you.</p>
          </CardHeader>
          <CardBody>
            <Link href="/account/security" className="text-sm font-medium text-brand-700 hover:underline" data-testid="security-link">
              Security settings →
            </Link>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
