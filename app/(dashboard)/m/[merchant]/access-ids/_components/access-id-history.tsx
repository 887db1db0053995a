import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { AccessIdEventDto } from "@/lib/dal/access-id-history";
import { DateTime } from "../../../../_components/date-time";

const column = createColumnHelper<AccessIdEventDto>();

const columns = [
  column.accessor("at", { header: "Time", cell: (info) => <DateTime value={info.getValue()} className="whitespace-nowrap" /> }),
  column.accessor("label", { header: "Event" }),
  column.accessor("actorEmail", { header: "Actor", cell: (info) => info.getValue() ?? "system" }),
  column.accessor("ip", { header: "IP", cell: (info) => info.getValue() ?? "—" }),
  column.accessor("outcome", { header: "Outcome", cell: (info) => <Badge tone={info.getValue() === "success" ? "good" : "bad"}>{info.getValue()}</Badge> }),
  column.accessor("summary", { header: "Details", cell: (info) => info.getValue() || "—" }),
];

/** Every access-ID event for the account, from the audit log, newest first. */
export function AccessIdHistoryTable({ rows }: { rows: AccessIdEventDto[] }) {
  return (
    <DataTable
      columns={columns}
      data={rows}
      caption="Access-ID history, newest first"
      rowKey={(row) => row.id}
      rowTestId="access-id-event"
      rowData={(row) => ({ "data-action": row.action, "data-outcome": row.outcome })}
      testId="access-id-history"
    />
  );
}
