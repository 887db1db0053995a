import { GatewayError } from "./errors";

/** Test helper: the GatewayError a call fails with (anything else, or success, fails the test). */
export async function gatewayFailure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected the call to fail with a GatewayError");
}
