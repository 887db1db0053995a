import { BRAND_NAMES } from "./cards";
import { centsToAmount, formatGatewayDateTime } from "./format";
import type { TxRecord } from "./model";
import { transactionStatus, trantypeName } from "./serialize";
import type { MerchantStore } from "./store";

/**
 * Receipts (docs/usaepay-api.md, "Receipts"): the standard template is "vterm"; a merchant's own
 * templates live in its console, which the emulator does not model, so any other name is unknown
 * and answers 20030 "Requested receipt not found".
 */
export const RECEIPT_TEMPLATES = ["vterm"] as const;

export function isKnownReceiptTemplate(name: string): boolean {
  return (RECEIPT_TEMPLATES as readonly string[]).includes(name);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The receipt as HTML; the API sends it base64-encoded inside a JSON string. */
export function renderReceipt(store: MerchantStore, tx: TxRecord): string {
  const tender = tx.tender;
  const paidWith = tender?.kind === "card" ? `${BRAND_NAMES[tender.brand]} ${tender.masked}` : tender?.kind === "check" ? `Check ${tender.accountMasked}` : "";
  const rows: [string, string][] = [
    ["Merchant", store.profile.name],
    ["Date", formatGatewayDateTime(tx.created)],
    ["Transaction", trantypeName(tx.trantypeCode)],
    ["Reference", tx.refnum],
    ["Status", transactionStatus(store, tx).text],
    ["Amount", `$${centsToAmount(tx.amount)}`],
    ["Paid with", paidWith],
    ["Authorization", tx.authcode],
    ["Invoice", tx.invoice ?? ""],
  ];
  const body = rows.filter(([, value]) => value).map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join("");
  return `<html><head><meta charset="utf-8"><title>Receipt ${escapeHtml(tx.refnum)}</title></head><body><h1>Receipt</h1><table>${body}</table></body></html>`;
}
