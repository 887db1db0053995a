import { redirectToFirstMerchant } from "../_components/redirect-to-first-merchant";

export const metadata = { title: "Customers" };

export default async function CustomersPage() {
  return redirectToFirstMerchant("customers", "customers:read");
}
