import { redirectToFirstMerchant } from "../_components/redirect-to-first-merchant";

export const metadata = { title: "Access IDs" };

export default async function AccessIDsPage() {
  return redirectToFirstMerchant("access-ids", "access-ids:read");
}
