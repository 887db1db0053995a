import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import type { AccessIdOverviewDto } from "@/lib/dal/access-ids";
import { DateTime } from "../../../../_components/date-time";
import { formatRelative } from "@/lib/format";
import { ENVIRONMENT_LABELS } from "@/lib/validation/environments";
import type { AccessIdState } from "@/lib/validation/access-ids";

const STATE: Record<AccessIdState, { label: string; tone: "good" | "bad" | "warn" | "neutral" }> = {
  valid: { label: "Valid", tone: "good" },
  expired: { label: "Expired", tone: "bad" },
  replaced: { label: "Replaced", tone: "bad" },
  unknown: { label: "Unknown", tone: "neutral" },
};

function when(value: Date) {
  return (
    <span title={formatRelative(value)}>
      <DateTime value={value} withZone />
    </span>
  );
}

function Row({ label, testId, children }: { label: string; testId: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt className="w-40 shrink-0 text-sm text-slate-500">{label}</dt>
      <dd className="text-sm" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

/** The stored id as pages may see it: its last four characters, never the value. */
export function AccessIdSummary({ overview }: { overview: AccessIdOverviewDto }) {
  const state = STATE[overview.state];
  const last = overview.lastRotation;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Current access ID</CardTitle>
      </CardHeader>
      <CardBody>
        <dl className="flex flex-col gap-3">
          <Row label="Access ID" testId="access-id-hint">
            {overview.hint ? <span className="font-mono">{overview.hint}</span> : <span className="text-slate-500">None stored</span>}
            {overview.hint && !overview.usable && <span className="text-slate-500"> (no longer stored for use)</span>}
          </Row>
          <Row label="State" testId="access-id-state">
            <Badge tone={state.tone}>{state.label}</Badge>
          </Row>
          <Row label="Last checked" testId="access-id-checked">
            {overview.checkedAt ? (
              <>
                {when(overview.checkedAt)} by {overview.checkedByEmail ?? "the system"}
              </>
            ) : (
              "Not checked since it was stored"
            )}
          </Row>
          <Row label="Issued" testId="access-id-issued">
            {overview.issuedAt ? (
              <>
                {when(overview.issuedAt)} by {overview.issuedByEmail ?? "unknown"}
              </>
            ) : overview.hint ? (
              "Outside Paydesk (found through Recover): when and by whom is not known"
            ) : (
              "Never issued"
            )}
          </Row>
          <Row label="Environment" testId="access-id-environment">
            {ENVIRONMENT_LABELS[overview.merchant.environment]} · ClientPay at <span className="font-mono">{overview.clientpayHost}</span>
          </Row>
          {last && (
            <Row label="Last rotation" testId="access-id-last-rotation">
              {when(last.startedAt)} by {last.startedByEmail ?? "unknown"}: {last.outcome ?? "closed"}
            </Row>
          )}
        </dl>
      </CardBody>
    </Card>
  );
}
