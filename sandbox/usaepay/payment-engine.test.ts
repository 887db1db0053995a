import { describe, expect, it } from "vitest";
import { testEmulator } from "./test-helpers";

describe("payment engine (docs/usaepay-api.md, Payment Engine) and other endpoints", () => {
  it("creates a device, runs a pay request to completion, and deletes the device", async () => {
    const { api } = testEmulator();
    const device = await api("POST", "/api/v2/paymentengine/devices", { body: { terminal_type: "standalone", name: "Front desk" } });
    expect(device.json).toMatchObject({ type: "device", status: "waiting for device pairing", name: "Front desk" });
    expect(device.json.key).toMatch(/^sa_/);
    expect(typeof device.json.pairing_code).toBe("number");
    const request = await api("POST", "/api/v2/paymentengine/payrequests", { body: { devicekey: device.json.key, command: "sale", amount: "8.25" } });
    expect(request.json).toMatchObject({ type: "request", status: "sent to device" });
    expect((await api("GET", `/api/v2/paymentengine/payrequests/${request.json.key}`)).json.status).toBe("processing payment");
    const done = await api("GET", `/api/v2/paymentengine/payrequests/${request.json.key}`);
    expect(done.json.status).toBe("transaction complete");
    expect(done.json.transaction).toMatchObject({ result_code: "A", amount: "8.25", creditcard: { entry_mode: "Contactless" } });
    expect((await api("GET", "/api/v2/transactions?limit=1")).json.data[0].key).toBe(done.json.transaction.key);
    const unknown = await api("POST", "/api/v2/paymentengine/payrequests", { body: { devicekey: "sa_nope", amount: "1.00" } });
    expect(unknown.json.errorcode).toBe(21121);
    expect((await api("DELETE", `/api/v2/paymentengine/devices/${device.json.key}`)).json).toEqual({ status: "success" });
    expect((await api("GET", `/api/v2/paymentengine/devices/${device.json.key}`)).status).toBe(404);
  });

  it("answers product calls with 41001 and the public key as a JSON string", async () => {
    const { api } = testEmulator();
    const products = await api("GET", "/api/v2/products");
    expect(products.json).toEqual({ error: "Unable to create product database", errorcode: 41001 });
    const key = await api("GET", "/api/v2/publickey");
    expect(typeof key.json).toBe("string");
    expect(key.json).toMatch(/^_P/);
    expect((await api("GET", "/api/v2/publickey")).json).toBe(key.json);
  });
});
