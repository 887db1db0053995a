import "server-only";
import { clientpayClientFor, usaepayClientFor, type GatewayDeps } from "@/lib/gateways/clients";
import type { EndpointSettings } from "@/lib/gateways/endpoints";
import { AppError } from "@/lib/errors";
import { isGatewayError } from "@/lib/payments/http";

/**
 * Checks an account's stored keys against the hosts of settings that are not saved yet (a
 * host or environment change): one cheap authenticated call per gateway that has keys. Returns
 * the gateways checked; throws a message an admin can act on when a host refuses them.
 */
export async function reverifyStoredCredentials(settings: EndpointSettings & { id: string }, deps: GatewayDeps = {}): Promise<string[]> {
  const checked: string[] = [];
  for (const gateway of ["usaepay", "clientpay"] as const) {
    const label = gateway === "usaepay" ? "USAePay" : "ClientPay";
    try {
      if (gateway === "usaepay") {
        // GET /customers?limit=1: the cheapest authenticated read.
        await (await usaepayClientFor(settings, deps)).listCustomers({ limit: 1 });
      } else {
        const valid = await (await clientpayClientFor(settings, deps)).validateCredentials();
        if (!valid) throw new AppError("reverify_authentication", `ClientPay at the new host did not accept this account's stored key and PIN. Nothing was saved.`);
      }
      checked.push(gateway);
    } catch (error) {
      // No keys stored for this gateway (or no integrator key): nothing to send, nothing to check.
      if (error instanceof AppError && (error.code === "no_credentials" || error.code === "no_integrator_key")) continue;
      if (error instanceof AppError) throw error;
      const reason = isGatewayError(error) ? error.userMessage : "it could not be reached";
      throw new AppError("reverify_failed", `The stored ${label} key could not be checked against the new host (${reason}). Nothing was saved.`, { cause: error });
    }
  }
  return checked;
}
