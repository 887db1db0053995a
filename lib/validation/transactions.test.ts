import { describe, expect, it } from "vitest";
import { parseCustomerQuery } from "./customers";
import { parseTransactionQuery, transactionFilterProblems, transactionHref } from "./transactions";

describe("transactions table URL state", () => {
  it("reads every filter, converting dollars to integer cents", () => {
    const query = parseTransactionQuery({ q: " Smith ", status: "voided", from: "2026-02-01", to: "2026-02-28", min: "$1,200.5", max: "99", card: "Visa", sort: "amount", dir: "asc", page: "3", pageSize: "50" });
    expect(query).toEqual({ q: "Smith", status: "voided", from: "2026-02-01", to: "2026-02-28", min: 120050, max: 9900, card: "Visa", sort: "amount", dir: "asc", page: 3, pageSize: 50 });
  });

  it("turns junk into defaults instead of failing", () => {
    const query = parseTransactionQuery({ status: "nope", from: "2026-13-45", to: "2026-02-30", min: "abc", max: "1.234", card: "Diners", sort: "drop table", dir: "up", page: "-2", pageSize: "7" });
    expect(query).toEqual({ q: "", status: undefined, from: undefined, to: undefined, min: undefined, max: undefined, card: undefined, sort: "created", dir: "desc", page: 1, pageSize: 25 });
  });

  it("keeps dates inside 2000-01-01 … 2100-12-31, so the database is never asked for year 10,000", () => {
    expect(parseTransactionQuery({ from: "2000-01-01", to: "2100-12-31" })).toMatchObject({ from: "2000-01-01", to: "2100-12-31" });
    expect(parseTransactionQuery({ from: "1999-12-31", to: "9999-12-31" })).toMatchObject({ from: undefined, to: undefined });
    expect(parseTransactionQuery({ to: "0000-01-01" }).to).toBeUndefined();
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

describe("transaction filter problems", () => {
  const problems = (params: Record<string, string>) => transactionFilterProblems(params, parseTransactionQuery(params));

  it("says nothing for sound filters (an equal from and to, min and max, or one side only)", () => {
    expect(problems({ from: "2026-02-01", to: "2026-02-01", min: "5", max: "5" })).toEqual({ fields: {}, blocking: false });
    expect(problems({ from: "2026-02-01", max: "10" })).toEqual({ fields: {}, blocking: false });
  });

  it("names a reversed range beside its second field, and blocks the query", () => {
    expect(problems({ from: "2026-03-01", to: "2026-02-01" })).toEqual({ fields: { to: "“To” is before “From”: no row can match." }, blocking: true });
    expect(problems({ min: "100", max: "9.99" })).toEqual({ fields: { max: "“Max $” is below “Min $”: no row can match." }, blocking: true });
  });

  it("says which given values were ignored, without blocking the table", () => {
    expect(problems({ to: "9999-12-31", min: "abc", max: "" })).toEqual({
      fields: { to: "Not used: enter a date from 2000-01-01 to 2100-12-31.", min: "Not used: enter an amount in dollars, such as 12.50." },
      blocking: false,
    });
  });
});
