import type { PageKind, PageRecord } from "./records";

/**
 * Hosted-page facts shared by the API routes, the hosted pages themselves, the seed and the
 * control plane (docs/clientpay-api.md, "Hosted pages").
 */

export const MAX_PAGE_SECONDS = 31_540_000;
export const MIN_PAGE_SECONDS = 900;

/** The URL fragment of each page kind, as in ClientPay's documented page URL. */
export const URL_FRAGMENT: Record<PageKind, string> = {
  invoice: "invoicePaymentPage",
  lineItem: "lineItemPaymentPage",
  connect: "connectPaymentPage",
  payer: "payerPage",
};

export function kindOfFragment(fragment: string): PageKind | null {
  const entry = Object.entries(URL_FRAGMENT).find(([, name]) => name.toLowerCase() === fragment.toLowerCase());
  return entry ? (entry[0] as PageKind) : null;
}

/** `<app base>/app/api/#/<fragment>/<requestId>`: the shape of ClientPay's one documented example. */
export function pageUrl(appBaseUrl: string, page: Pick<PageRecord, "kind" | "requestId">): string {
  return `${appBaseUrl}/app/api/#/${URL_FRAGMENT[page.kind]}/${page.requestId}`;
}

export function pageDuration(requested: number | null | undefined): number {
  if (requested == null) return MAX_PAGE_SECONDS;
  return Math.min(MAX_PAGE_SECONDS, Math.max(MIN_PAGE_SECONDS, requested));
}

/** A page's status, ageing Active pages into Expired once their duration has run out. */
export function currentPageStatus(page: PageRecord, now: Date): PageRecord["status"] {
  if (page.status === "Active" && now.getTime() > page.createdAt.getTime() + page.durationSeconds * 1000) {
    page.status = "Expired";
  }
  return page.status;
}
