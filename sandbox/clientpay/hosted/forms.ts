import { z } from "zod";
import { badRequest } from "../api-error";
import type { PageFunding, PagePaymentInput, PayerPageInput } from "../page-payments";
import type { PageRecord } from "../records";
import { ECHECK_ACCOUNT_TYPES } from "../wire-schemas";

/**
 * The hosted pages' form posts, read into the same inputs the control plane builds. Field
 * rules (card digits, expiry, routing number) are checked once, by the payment engine.
 */

export type Form = Record<string, string | File | (string | File)[]>;

export const field = (form: Form, name: string): string => {
  const value = form[name];
  return typeof value === "string" ? value.trim() : "";
};
const digits = (value: string) => value.replace(/[\s-]/g, "");

/** "1,100.50" or "$1100.5" → 110050; the form is a wire boundary, so money becomes cents here. */
export function parseAmountCents(raw: string): number | null {
  const cleaned = raw.replace(/[$,\s]/g, "");
  if (cleaned === "") return null;
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) throw badRequest(`"${raw}" is not an amount.`, ["amount"]);
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

const number = (value: string) => (value === "" ? Number.NaN : Number(value));

function typedFunding(form: Form, holder: string): PageFunding {
  const method = field(form, "method");
  if (method.startsWith("saved:")) return { kind: "saved", paymentMethodId: method.slice("saved:".length) };
  if (method === "eCheck") {
    const accountType = z.enum(ECHECK_ACCOUNT_TYPES).catch("checking_personal");
    return {
      kind: "eCheck",
      eCheck: {
        nameOnAccount: holder,
        routingNumber: digits(field(form, "routingNumber")),
        accountNumber: digits(field(form, "accountNumber")),
        accountType: accountType.parse(field(form, "accountType")),
      },
    };
  }
  return {
    kind: "card",
    card: {
      cardholderName: holder,
      cardNumber: digits(field(form, "cardNumber")),
      expirationDateMonth: number(field(form, "expMonth")),
      expirationDateYear: number(field(form, "expYear")),
      cvv: field(form, "cvv") || null,
    },
  };
}

export function paymentFormInput(page: PageRecord, form: Form): PagePaymentInput {
  const holder = field(form, "cardholderName");
  return {
    amountsCents: page.lines.map((_, index) => parseAmountCents(field(form, `amount_${index}`))),
    funding: typedFunding(form, holder),
    payerName: holder || null,
    payerEmail: field(form, "payerEmail") || null,
    savePayer: field(form, "savePayer") !== "",
  };
}

export function payerFormInput(form: Form): PayerPageInput {
  const holder = field(form, "cardholderName") || [field(form, "firstName"), field(form, "lastName")].filter(Boolean).join(" ");
  const funding = typedFunding(form, holder);
  if (funding.kind === "saved") throw badRequest("Choose a card or an eCheck to save.", ["method"]);
  return {
    payer: { firstName: field(form, "firstName"), lastName: field(form, "lastName"), businessName: field(form, "businessName"), email: field(form, "email") },
    method: funding.kind === "card" ? { creditCard: funding.card } : { eCheck: funding.eCheck },
    makePrimary: field(form, "makePrimary") !== "",
  };
}

/** A refusal as one line for the page: the message, then the rules that failed. */
export function formError(error: { message: string; errors: string[] }): string {
  const details = error.errors.filter((entry) => entry !== "page");
  return details.length > 0 && error.message === "The request is invalid." ? details.join("; ") : error.message;
}
