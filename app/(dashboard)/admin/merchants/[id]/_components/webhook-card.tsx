import { DateTime } from "../../../../_components/date-time";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import type { WebhookSettingsDto } from "@/lib/dal/usaepay-webhooks";
import { WebhookKeyForm } from "./webhook-key-form";

const OUTCOME: Record<string, string> = { applied: "applied", stale: "older than the mirror", ignored: "not used" };

/** USAePay webhooks for this account: the URL for the console, the signature key (masked), the last events. Server-rendered; only the forms are client code. */
export function WebhookCard({ merchantId, settings }: { merchantId: string; settings: WebhookSettingsDto }) {
  const on = settings.signatureKeyHint !== null;

  return (
    <Card data-testid="webhook-card">
      <CardHeader>
        <CardTitle>USAePay webhooks</CardTitle>
        <p className="text-sm text-slate-600">
          Webhooks bring new sales, refunds, voids and settlements into the tables within seconds; the background sync then runs only every few
          minutes, as a safety net. Set them up in the USAePay console with this URL and the signature key below.
        </p>
      </CardHeader>
      <CardBody className="flex flex-col gap-5">
        <div className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">Webhook URL</span>
          <code className="break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs" data-testid="webhook-url">
            {settings.url}
          </code>
        </div>
        <p className="text-sm" data-testid="webhook-state">
          {on ? (
            <>
              On · signature key <span className="font-mono">{settings.signatureKeyHint}</span>
              {settings.updatedAt && <span className="text-slate-500"> (set <DateTime value={settings.updatedAt} />)</span>}
            </>
          ) : (
            <span className="text-amber-700">Off: deliveries to this URL are refused until a signature key is stored.</span>
          )}
        </p>

        <WebhookKeyForm merchantId={merchantId} on={on} />

        <div className="flex flex-col gap-2 border-t border-slate-100 pt-4">
          <span className="text-sm font-medium text-slate-700">Last events received</span>
          {settings.lastEvents.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="webhook-events-empty">
              None yet.
            </p>
          ) : (
            <ul className="flex flex-col gap-1 text-sm" data-testid="webhook-events">
              {settings.lastEvents.map((event) => (
                <li key={event.eventId} className="flex flex-wrap gap-x-3" data-testid="webhook-event">
                  <span className="text-slate-500"><DateTime value={event.receivedAt} /></span>
                  <span className="font-mono text-xs leading-5">{event.eventType}</span>
                  {event.objectKey && <span className="break-all font-mono text-xs leading-5 text-slate-600">{event.objectKey}</span>}
                  <span className="text-slate-500">{OUTCOME[event.outcome] ?? event.outcome}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardBody>
    </Card>
  );
}
