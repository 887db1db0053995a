"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";

/**
 * The gateway's receipt HTML, shown where it cannot do harm: a srcdoc frame with no scripts,
 * forms, popups or navigation of this page (sandbox without allow-scripts), and a content
 * security policy that loads nothing from anywhere (no trackers, no remote images or fonts).
 * allow-same-origin without allow-scripts only lets this page call the frame's print();
 * allow-modals lets the print dialog open.
 */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'";

export function sandboxedReceipt(html: string): string {
  // A CSP in a <meta> can only add restrictions, so the receipt's own markup cannot loosen it.
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${POLICY}"></head><body>${html}</body></html>`;
}

export function ReceiptFrame({ html, title }: { html: string; title: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <div className="flex flex-col gap-3">
      <div>
        <Button type="button" variant="secondary" onClick={() => frame.current?.contentWindow?.print()} data-testid="receipt-print">
          Print receipt
        </Button>
      </div>
      <iframe
        ref={frame}
        title={title}
        sandbox="allow-same-origin allow-modals"
        srcDoc={sandboxedReceipt(html)}
        referrerPolicy="no-referrer"
        className="h-[36rem] w-full rounded-md border border-slate-200 bg-white"
        data-testid="receipt-frame"
      />
    </div>
  );
}
