import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { PageRecord, PaymentMethodRecord, PaymentRecord } from "../records";

/**
 * The hosted pages as small server-rendered HTML: no scripts (except the fragment redirect of
 * the shell), no external assets. Every interpolated value is escaped by hono/html.
 */

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
export const formatCents = (cents: number) => usd.format(cents / 100);
/** Form fields show plain decimals ("1100.00"), which the form parser reads back. */
const decimal = (cents: number) => (cents / 100).toFixed(2);

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:42rem;margin:2rem auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 3px #0002}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.05rem;margin:1.5rem 0 .5rem}
.sub{color:#556;margin:0 0 1rem}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #e3e5ea;text-align:left}
td.num,th.num{text-align:right}input[type=text],input[type=email],select{width:100%;box-sizing:border-box;padding:.45rem;border:1px solid #c8ccd4;border-radius:4px}
label{display:block;margin:.6rem 0 .2rem;font-size:.9rem}fieldset{border:1px solid #e3e5ea;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
.row{display:flex;gap:.75rem}.row>div{flex:1}button{margin-top:1rem;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#1f5fd6;color:#fff;font-size:1rem;cursor:pointer}
button.secondary{background:#556}.notice{padding:.75rem 1rem;border-radius:6px;margin:1rem 0}.error{background:#fde8e8;color:#8a1c1c}
.ok{background:#e5f6ea;color:#1c5e2e}.muted{color:#667;font-size:.85rem}.sandbox{background:#fff8e1;border:1px dashed #d9b44a;padding:.5rem 1rem;border-radius:6px;font-size:.85rem}
`;

export function layout(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${title} · ClientPay sandbox</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <main>${body}</main>
  </body>
</html>`;
}

/**
 * The page at `/app/api/`: the documented URL keeps the page id in the fragment, which
 * browsers never send, so a one-line script moves it into the path. Only a well-formed
 * `<kind>/<id>` fragment is followed.
 */
export function shellPage(): Html {
  const script = `var f=location.hash.replace(/^#\\/?/,"");if(/^[A-Za-z]+\\/[A-Za-z0-9-]+$/.test(f)){location.replace(location.pathname.replace(/\\/?$/,"/")+f);}else{document.getElementById("msg").textContent="This link does not name a ClientPay page.";}`;
  return layout(
    "ClientPay",
    html`<h1>ClientPay</h1>
      <p id="msg" data-testid="page-status">Opening the page…</p>
      <noscript><p>Open <code>/app/api/&lt;page kind&gt;/&lt;page id&gt;</code> on this host instead.</p></noscript>
      <script>${raw(script)}</script>`,
  );
}

export function messagePage(title: string, message: string): Html {
  return layout(title, html`<h1>${title}</h1><p data-testid="page-status">${message}</p>`);
}

function header(page: PageRecord, fallback: string): Html {
  return html`<h1>${page.look.headerText ?? fallback}</h1>
    ${page.look.subHeaderText ? html`<p class="sub">${page.look.subHeaderText}</p>` : ""}`;
}

function notice(kind: "error" | "ok", text: string | null): Html | string {
  return text ? html`<div class="notice ${kind}" role="status" data-testid="page-notice">${text}</div>` : "";
}

export const SANDBOX_HINT = html`<p class="sandbox" data-testid="sandbox-hint">
  Sandbox: card <strong>4111 1111 1111 1111</strong> is approved, <strong>4000 0000 0000 0002</strong> is declined,
  a number failing the Luhn check is refused; any future expiry and CVV work. eCheck (routing <strong>021000021</strong>,
  account <strong>1000100010</strong>) is always approved.</p>`;

function methodLabel(method: PaymentMethodRecord): string {
  return method.kind === "card"
    ? `${method.cardBrand ?? "Card"} ending ${method.last4}${method.expirationDateMonth ? `, expires ${method.expirationDateMonth}/${method.expirationDateYear}` : ""}`
    : `eCheck account ending ${method.last4}`;
}

function cardFields(prefill: { name: string | null }): Html {
  return html`<label for="cardholderName">Name on card or account</label>
    <input type="text" id="cardholderName" name="cardholderName" value="${prefill.name ?? ""}" autocomplete="cc-name" />
    <fieldset>
      <legend><label><input type="radio" name="method" value="card" checked /> Card</label></legend>
      <label for="cardNumber">Card number</label>
      <input type="text" id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="cc-number" />
      <div class="row">
        <div><label for="expMonth">Expiry month</label><input type="text" id="expMonth" name="expMonth" placeholder="MM" /></div>
        <div><label for="expYear">Expiry year</label><input type="text" id="expYear" name="expYear" placeholder="YYYY" /></div>
        <div><label for="cvv">CVV</label><input type="text" id="cvv" name="cvv" inputmode="numeric" /></div>
      </div>
    </fieldset>
    <fieldset>
      <legend><label><input type="radio" name="method" value="eCheck" /> eCheck (bank account)</label></legend>
      <div class="row">
        <div><label for="routingNumber">Routing number</label><input type="text" id="routingNumber" name="routingNumber" inputmode="numeric" /></div>
        <div><label for="accountNumber">Account number</label><input type="text" id="accountNumber" name="accountNumber" inputmode="numeric" /></div>
      </div>
      <label for="accountType">Account type</label>
      <select id="accountType" name="accountType">
        <option value="checking_personal">Personal checking</option>
        <option value="checking_business">Business checking</option>
        <option value="savings_personal">Personal savings</option>
        <option value="savings_business">Business savings</option>
      </select>
    </fieldset>`;
}

export interface PaymentFormState {
  error: string | null;
  savedMethods: PaymentMethodRecord[];
  /** What the payer typed last time (never card or bank numbers), so a retry keeps it. */
  typed?: { name: string; email: string; amounts: string[] };
}

export function paymentPage(page: PageRecord, state: PaymentFormState): Html {
  const rows = page.lines.map(
    (line, index) => html`<tr>
      <td>${line.label}${line.detail ? html`<div class="muted">${line.detail}</div>` : ""}${line.pdfLink ? html` <a href="${line.pdfLink}">PDF</a>` : ""}</td>
      <td>${line.dueDate ?? ""}</td>
      <td class="num">${formatCents(line.maxCents)}</td>
      <td class="num">${line.editable
        ? html`<label class="muted" for="amount_${index}">Pay on ${line.label}</label><input type="text" id="amount_${index}" name="amount_${index}" value="${state.typed?.amounts[index] || decimal(line.amountCents)}" />`
        : formatCents(line.amountCents)}</td>
    </tr>`,
  );
  const saved = state.savedMethods.map(
    (method, index) => html`<label><input type="radio" name="method" value="saved:${method.id}" ${index === 0 ? "checked" : ""} /> ${methodLabel(method)}</label>`,
  );
  return layout(
    page.look.headerText ?? "Make a payment",
    html`${header(page, "Make a payment")}
      ${notice("error", state.error)}
      <form method="post" data-testid="payment-form">
        <table>
          <thead><tr><th>${page.kind === "lineItem" ? "Item" : "Invoice"}</th><th>Due</th><th class="num">Owed</th><th class="num">Pay</th></tr></thead>
          <tbody>${rows}</tbody>
          <tfoot><tr><th colspan="3">Total offered</th><th class="num" data-testid="page-total">${formatCents(page.amountCents)}</th></tr></tfoot>
        </table>
        <h2>Payer</h2>
        <label for="payerEmail">Email for the receipt</label>
        <input type="email" id="payerEmail" name="payerEmail" autocomplete="email" value="${state.typed?.email ?? ""}" />
        <h2>Payment method</h2>
        ${state.savedMethods.length > 0 ? html`<fieldset><legend>Saved methods</legend>${saved}</fieldset>` : ""}
        ${cardFields({ name: state.typed?.name || page.nameOnAccount })}
        ${page.look.enablePayerSaving ? html`<label><input type="checkbox" name="savePayer" /> Save this payment method for next time</label>` : ""}
        ${page.look.footerText ? html`<p class="muted">${page.look.footerText}</p>` : ""}
        <button type="submit">Pay</button>
      </form>
      ${SANDBOX_HINT}`,
  );
}

export function receiptPage(page: PageRecord, payment: PaymentRecord | null): Html {
  return layout(
    "Payment received",
    html`${header(page, "Payment received")}
      <div class="notice ok" data-testid="page-status">Paid. Thank you.</div>
      ${payment
        ? html`<table>
            <tr><th>Reference</th><td data-testid="payment-id">${payment.paymentId}</td></tr>
            <tr><th>Amount</th><td>${formatCents(payment.amountCents)}</td></tr>
            <tr><th>Method</th><td>${payment.methodType === 1 ? "eCheck" : (payment.cardBrand ?? "Card")} ending ${payment.last4 ?? ""}</td></tr>
          </table>`
        : ""}`,
  );
}

export interface PayerFormState {
  error: string | null;
  saved: string | null;
  payerName: string | null;
  methods: PaymentMethodRecord[];
}

export function payerPage(page: PageRecord, state: PayerFormState): Html {
  const namePanel = page.payerId
    ? page.hidePayerNamePanel
      ? ""
      : html`<p><strong>Payer:</strong> ${state.payerName ?? ""}</p>`
    : html`<h2>Your details</h2>
        <div class="row">
          <div><label for="firstName">First name</label><input type="text" id="firstName" name="firstName" autocomplete="given-name" /></div>
          <div><label for="lastName">Last name</label><input type="text" id="lastName" name="lastName" autocomplete="family-name" /></div>
        </div>
        <label for="businessName">Business name (optional)</label><input type="text" id="businessName" name="businessName" />
        <label for="email">Email</label><input type="email" id="email" name="email" autocomplete="email" />`;
  const methods = state.methods.map((method) => html`<li>${methodLabel(method)}${method.isPrimary ? " (primary)" : ""}</li>`);
  return layout(
    page.look.headerText ?? "Save a payment method",
    html`${header(page, "Save a payment method")}
      ${notice("error", state.error)}${notice("ok", state.saved)}
      ${state.methods.length > 0 ? html`<h2>Saved methods</h2><ul data-testid="saved-methods">${methods}</ul>` : ""}
      <form method="post" data-testid="payer-form">
        <input type="hidden" name="action" value="add" />
        ${namePanel}
        <h2>${state.methods.length > 0 ? "Add another method" : "Payment method"}</h2>
        ${cardFields({ name: state.payerName })}
        <label><input type="checkbox" name="makePrimary" /> Make this my primary method</label>
        <button type="submit">Save payment method</button>
      </form>
      ${page.addedMethodIds.length > 0
        ? html`<form method="post"><input type="hidden" name="action" value="finish" /><button type="submit" class="secondary">Finish</button></form>`
        : ""}
      ${SANDBOX_HINT}`,
  );
}

export function payerDonePage(page: PageRecord, methods: PaymentMethodRecord[]): Html {
  return layout(
    "Payment methods saved",
    html`${header(page, "Payment methods saved")}
      <div class="notice ok" data-testid="page-status">Saved. You can close this page.</div>
      <ul data-testid="saved-methods">${methods.map((method) => html`<li>${methodLabel(method)}${method.isPrimary ? " (primary)" : ""}</li>`)}</ul>`,
  );
}
