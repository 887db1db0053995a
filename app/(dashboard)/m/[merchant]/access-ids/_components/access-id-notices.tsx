import { AutoRefresh } from "@/components/data-table/auto-refresh";
import { Notice } from "@/components/ui/notice";
import type { AccessIdOverviewDto } from "@/lib/dal/access-ids";
import { DateTime } from "../../../../_components/date-time";

const RECOVERED: Record<string, (hint: string | null) => string> = {
  new_id: (hint) => `ClientPay had issued a new access ID before the interruption; it is now stored (${hint}).`,
  unchanged: () => "ClientPay had not issued a new access ID; the stored one is still current.",
  none_active: () => "ClientPay has no active access ID for this account; an admin must issue one.",
};

/** What needs attention: a recovery being checked or just made, a rotation under way, an unusable id. */
export function AccessIdNotices({ overview, canIssue }: { overview: AccessIdOverviewDto; canIssue: boolean }) {
  const { recovery, recentRecovery: report, rotationInProgress } = overview;
  return (
    <>
      {recovery.state === "checking" && (
        <Notice data-testid="access-id-recovery-checking">
          Checking an interrupted rotation with ClientPay (Current Access ID)… this page updates itself.
          <AutoRefresh />
        </Notice>
      )}
      {report && recovery.state !== "checking" && (
        <Notice tone="success" data-testid="access-id-recovery">
          An interrupted rotation (started by {report.startedByEmail ?? "unknown"} at <DateTime value={report.startedAt} withZone />) was recovered through
          ClientPay&apos;s Current Access ID. {RECOVERED[report.settledAs]?.(report.hint)}
        </Notice>
      )}
      {recovery.failed.map((message, index) => (
        <Notice key={index} tone="error" data-testid="access-id-recovery-failed">
          {message}
        </Notice>
      ))}
      {rotationInProgress && recovery.state !== "checking" && (
        <Notice data-testid="access-id-rotation-in-progress">
          A rotation started by {rotationInProgress.startedByEmail ?? "unknown"} at <DateTime value={rotationInProgress.startedAt} withZone /> is in progress. Reload in a
          moment to see its result.
        </Notice>
      )}
      {!overview.usable && !rotationInProgress && (
        <Notice tone="error" data-testid="access-id-unusable">
          {overview.hint ? "The access ID was expired." : "No access ID is stored for this account yet."} ClientPay calls for this account will fail until
          {canIssue ? " you issue" : " an admin issues"} a new one{canIssue ? " (Issue access ID)" : ""}.
        </Notice>
      )}
    </>
  );
}
