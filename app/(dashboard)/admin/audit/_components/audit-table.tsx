import { createColumnHelper } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { AuditEventDto } from "@/lib/dal/audit";
import { formatDateTime } from "@/lib/format";

const column = createColumnHelper<AuditEventDto>();

const columns = [
  column.accessor("at", { header: "Time", cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue())}</span> }),
  column.accessor("actorEmail", { header: "Actor", cell: (info) => info.getValue() ?? "system" }),
  column.accessor("action", { header: "Action", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
  column.accessor("outcome", { header: "Outcome", cell: (info) => <Badge tone={info.getValue() === "success" ? "good" : "bad"}>{info.getValue()}</Badge> }),
  column.accessor("targetType", { header: "Target", cell: (info) => (info.getValue() ? `${info.getValue()} ${info.row.original.targetId ?? ""}` : "—") }),
  column.accessor("ip", { header: "IP", cell: (info) => info.getValue() ?? "—" }),
];

/** The audit log, newest first (the order is the log's; it is not sortable). */
export function AuditTable({ rows }: { rows: AuditEventDto[] }) {
  return <DataTable columns={columns} data={rows} caption="Audit events, newest first" rowKey={(row) => row.id} rowTestId="audit-event" />;
}
