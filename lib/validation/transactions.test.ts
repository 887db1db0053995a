import { describe, expect, it } from "vitest";
import { parseCustomerQuery } from "./customers";
import { parseTransactionQuery, transactionHref } from "./transactions";

describe("transactions table URL state", () => {
  it("reads every filter, converting dollars to integer cents", () => {
    const query = parseTransactionQuery({ q: " Smith ", status: "voided", from: "2026-02-01", to: "2026-02-28", min: "$1,200.5", max: "99", card: "Visa", sort: "amount", dir: "asc", page: "3", pageSize: "50" });
    expect(query).toEqual({ q: "Smith", status: "voided", from: "2026-02-01", to: "2026-02-28", min: 120050, max: 9900, card: "Visa", sort: "amount", dir: "asc", page: 3, pageSize: 50 });
  });

  it("turns junk into defaults instead of failing", () => {
    const query = parseTransactionQuery({ status: "nope", from: "2026-13-45", to: "2026-02-30", min: "abc", max: "1.234", card: "Diners", sort: "drop table", dir: "up", page: "-2", pageSize: "7" });
    expect(query).toEqual({ q: "", status: undefined, from: undefined, to: undefined, min: undefined, max: undefined, card: undefined, sort: "created", dir: "desc", page: 1, pageSize: 25 });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseTransactionQuery({ status: ["settled", "voided"] }).status).toBe("settled");
  });

  it("builds short links: defaults left out, a filter change goes back to page 1", () => {
    const query = parseTransactionQuery({ q: "ab", page: "4", min: "10.50" });
    expect(transactionHref("/t", query, { status: "pending" })).toBe("/t?q=ab&status=pending&min=10.50");
    expect(transactionHref("/t", query, { page: 5 })).toBe("/t?q=ab&min=10.50&page=5");
    expect(transactionHref("/t", parseTransactionQuery({}))).toBe("/t");
  });
});

describe("customers table URL state", () => {
  it("accepts its sorts and falls back on junk", () => {
    expect(parseCustomerQuery({ sort: "name", dir: "asc", q: "x" })).toMatchObject({ sort: "name", dir: "asc", q: "x", page: 1 });
    expect(parseCustomerQuery({ sort: "amount", pageSize: "1000" })).toMatchObject({ sort: "newest", dir: "desc", pageSize: 25 });
  });
});
