/**
 * docs/clientpay-api.md, "Environments and versions": body property names are matched case-insensitively (ClientPay's v1 samples are
 * ASP.NET Web API, whose JSON binding ignores case). We rewrite every known key to one
 * canonical spelling before validation, so `AccountPin`, `accountpin` and `accountPin` agree
 * and both `subHeaderText` and `subheaderText` land on the same field.
 */
const KNOWN_KEYS = [
  "integratorKey", "accountKey", "accountPin", "customerKey", "customerPin",
  "token", "requestId", "sessionId", "customerId",
  "invoices", "editable", "invoiceNumber", "invoiceDate", "dueDate", "subtotalAmount", "discountAmount",
  "tax", "outstandingBalance", "paymentAmount", "clientID", "clientName", "pdfLink",
  "matterNumber", "matterDescription", "isMultiPay", "matterPK", "connectOption",
  "payerOrPaymentMethodId", "nameOnAccount", "billingAddress", "billingInformation",
  "addressLine1", "city", "state", "zipCode", "phoneNumber", "country",
  "pageOptions", "headerText", "subHeaderText", "footerText", "hideCustomerHeaderLogo", "duration",
  "styling", "disableRecaptcha", "enablePayerSaving", "isPayerFacing",
  "emailOptions", "sendReceiptToPayer", "receiptEmails",
  "responseOptions", "enableClientSidePostBack", "clientSideReturnAddress", "serverSideReturnAddress",
  "lineItems", "itemId", "itemName", "itemDescription",
  "lineItemTableLabels", "itemIdLabel", "itemNameLabel", "itemDescriptionLabel",
  "acceptMultipleMethods", "hidePayerNamePanel", "payerId", "allowEditsToExistingMethods",
  "totalAmount", "description", "orderId", "creditCard", "cardholderName", "cardNumber",
  "expirationDateMonth", "expirationDateYear", "cvv", "eCheck", "routingNumber", "accountNumber", "accountType",
  "paymentId", "enableRemainingAmountRefunds", "refundNote",
  "payer", "firstName", "lastName", "businessName", "payerName", "emails", "payerAddress",
  "paymentMethods", "id", "isPrimary",
  "group", "type", "conditions", "criteria", "field", "operator", "value", "orderBy", "pageNumber", "pageSize",
  "searchOption", "searchText", "filterOption", "filterText",
] as const;

const CANONICAL = new Map<string, string>(KNOWN_KEYS.map((key) => [key.toLowerCase(), key]));

export function canonicalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalizeKeys);
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    result[CANONICAL.get(key.toLowerCase()) ?? key] = canonicalizeKeys(inner);
  }
  return result;
}
