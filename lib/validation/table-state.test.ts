import { describe, expect, it } from "vitest";
import { parsePageParams } from "./table-state";

describe("parsePageParams", () => {
  it("reads valid values", () => {
    expect(parsePageParams({ page: "3", pageSize: "50" })).toEqual({ page: 3, pageSize: 50 });
  });
  it("falls back to defaults for junk", () => {
    expect(parsePageParams({ page: "abc", pageSize: "7" })).toEqual({ page: 1, pageSize: 25 });
    expect(parsePageParams({ page: "-4", pageSize: "1e9" })).toEqual({ page: 1, pageSize: 25 });
    expect(parsePageParams({})).toEqual({ page: 1, pageSize: 25 });
  });
  it("takes the first of repeated keys", () => {
    expect(parsePageParams({ page: ["2", "9"] })).toEqual({ page: 2, pageSize: 25 });
  });
});
