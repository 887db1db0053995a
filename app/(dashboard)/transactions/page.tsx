import { redirectToFirstMerchant } from "../_components/redirect-to-first-merchant";

export const metadata = { title: "Transactions" };

export default async function TransactionsPage() {
  return redirectToFirstMerchant("transactions", "transactions:read");
}
