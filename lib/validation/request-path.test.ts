import { describe, expect, it } from "vitest";
import { hasMalformedEncoding } from "./request-path";

describe("hasMalformedEncoding", () => {
  it.each(["/m/%C0%AF/transactions", "/admin/merchants/%FF", "/api/m/%E0%A4%A/sync", "/m/x/customers/%", "/m/%zz/transactions"])("finds %s malformed", (path) => {
    expect(hasMalformedEncoding(path)).toBe(true);
  });
  it.each(["/", "/m/harbor-law-operating/transactions", "/m/a%20b/customers/%E2%82%AC", "/admin/merchants/cmx5fg7cc00003k7ddde98obb"])("lets %s through", (path) => {
    expect(hasMalformedEncoding(path)).toBe(false);
  });
});
