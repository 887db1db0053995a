import { createColumnHelper } from "@tanstack/react-table";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import type { AuditEntry } from "@/lib/dal/audit";
import { formatDateTime } from "@/lib/format";

const column = createColumnHelper<AuditEntry>();

function Details({ entry }: { entry: AuditEntry }) {
  if (entry.changes.length === 0 && entry.facts.length === 0) return <>—</>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs" data-testid="audit-details">
      {entry.changes.map((change) => (
        <div key={`c-${change.field}`} className="contents">
          <dt className="font-medium text-slate-600">{change.field}</dt>
          <dd>
            <span className="text-slate-500 line-through decoration-slate-400">{change.before ?? "—"}</span> → <span>{change.after ?? "—"}</span>
          </dd>
        </div>
      ))}
      {entry.facts.map((fact) => (
        <div key={`f-${fact.field}`} className="contents">
          <dt className="font-medium text-slate-600">{fact.field}</dt>
          <dd className="break-all">{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Column ids are AUDIT_COLUMNS' (lib/validation/audit.ts): the chooser and the export use the same. */
function columnsFor(zone: string) {
  return [
    column.accessor("at", { id: "at", header: "Time", cell: (info) => <span className="whitespace-nowrap">{formatDateTime(info.getValue(), zone)}</span> }),
    column.accessor("actor", { id: "actor", header: "Actor", cell: (info) => <span data-testid="audit-actor">{info.getValue()}</span> }),
    column.accessor("action", { id: "action", header: "Action", cell: (info) => <span className="font-mono text-xs">{info.getValue()}</span> }),
    column.accessor("outcome", { id: "outcome", header: "Outcome", cell: (info) => <Badge tone={info.getValue() === "success" ? "good" : "bad"}>{info.getValue()}</Badge> }),
    column.accessor("target", { id: "target", header: "Target" }),
    column.accessor("account", {
      id: "account",
      header: "Account",
      cell: (info) => {
        const account = info.getValue();
        return account ? (
          <Link href={`/m/${account.slug}/transactions`} className="text-brand-700 hover:underline">
            {account.name}
          </Link>
        ) : (
          "—"
        );
      },
    }),
    column.display({ id: "details", header: "Details", cell: (info) => <Details entry={info.row.original} /> }),
    column.accessor("ip", { id: "ip", header: "IP", cell: (info) => info.getValue() ?? "—" }),
  ];
}

/** The audit log, newest first (the log's own order; it is not sortable), rendered on the server with times in the viewer's `zone`. */
export function AuditTable({ rows, zone }: { rows: AuditEntry[]; zone: string }) {
  return <DataTable columns={columnsFor(zone)} data={rows} caption={`Audit events, newest first; times in ${zone}`} rowKey={(row) => row.id} rowTestId="audit-event" />;
}
