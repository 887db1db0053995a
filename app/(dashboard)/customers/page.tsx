import { redirectToFirstMerchant } from "@/components/merchants/redirect-to-first-merchant";

export const metadata = { title: "Customers" };

export default async function CustomersPage() {
  return redirectToFirstMerchant("customers", "customers:read");
}
