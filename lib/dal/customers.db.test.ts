import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerListRow } from "@/lib/sync/mirror-rows";
import { parseCustomerQuery } from "@/lib/validation/customers";
import { listCustomers } from "./customers";
import { makeMerchant, makeViewer } from "./test-fixtures";

/** The customers table's queries over a hand-made mirror: sorts, direction, search, paging and account scoping. */
const PEOPLE = [
  { key: "c01", id: 101, last: "Lovelace", first: "Ada", email: "ada@example.test", city: "London" },
  { key: "c02", id: 102, last: "Turing", first: "Alan", email: "alan@example.test", city: "Wilmslow" },
  { key: "c03", id: 103, last: "Hopper", first: "Grace", email: "grace@example.test", city: "Arlington" },
  { key: "c04", id: 104, last: "babbage", first: "Charles", email: "charles@example.test", city: "London" },
  { key: "c05", id: 105, last: "Noether", first: "Emmy", email: "emmy@example.test", city: "Erlangen" },
  { key: "c06", id: 106, last: "Curie", first: "Marie", email: "marie@example.test", city: "Paris" },
  { key: "c07", id: 107, last: "Meitner", first: "Lise", email: "lise@example.test", city: "Vienna" },
  { key: "c08", id: 108, last: "Franklin", first: "Rosalind", email: "rosalind@example.test", city: "London" },
  { key: "c09", id: 109, last: "Hamilton", first: "Margaret", email: "margaret@example.test", city: "Paoli" },
  { key: "c10", id: 110, last: "Johnson", first: "Katherine", email: "katherine@example.test", city: "Hampton" },
  { key: "c11", id: 111, last: "Goodall", first: "Jane", email: "jane@example.test", city: "London" },
  { key: "c12", id: 112, last: "Shannon", first: "Claude", email: "claude@example.test", city: "Petoskey" },
];

async function mirror() {
  const merchant = await makeMerchant();
  await db.mirrorCustomer.createMany({
    data: PEOPLE.map((person) =>
      customerListRow(merchant.id, { key: person.key, gatewayId: String(person.id), firstName: person.first, lastName: person.last, email: person.email, address: { city: person.city } }),
    ),
  });
  return merchant;
}

describe("customers data layer", () => {
  it("sorts by each column in both directions, ties broken by key so pages never overlap", async () => {
    const merchant = await mirror();
    const admin = await makeViewer("ADMIN");
    const keys = async (params: Record<string, string>) => (await listCustomers(admin, merchant.slug, parseCustomerQuery(params))).items.map((item) => item.key);

    // Newest (USAePay's own order) by default.
    expect(await keys({})).toEqual(["c12", "c11", "c10", "c09", "c08", "c07", "c06", "c05", "c04", "c03", "c02", "c01"]);
    expect((await keys({ dir: "asc" })).slice(0, 3)).toEqual(["c01", "c02", "c03"]);
    // By name, whatever the case: "babbage, Charles" sorts among the B's.
    expect((await keys({ sort: "name", dir: "asc" })).slice(0, 4)).toEqual(["c04", "c06", "c08", "c11"]);
    expect((await keys({ sort: "name", dir: "desc" })).slice(0, 2)).toEqual(["c02", "c12"]);
    expect((await keys({ sort: "email", dir: "asc" })).slice(0, 3)).toEqual(["c01", "c02", "c04"]);
    // Four Londoners: among equal cities the key decides, in either direction.
    const byCity = await keys({ sort: "city", dir: "asc" });
    expect(byCity.slice(0, 3)).toEqual(["c03", "c05", "c10"]);
    expect(byCity.slice(3, 7)).toEqual(["c01", "c04", "c08", "c11"]);
    expect(await keys({ sort: "city", dir: "desc" })).toEqual(["c02", "c07", "c12", "c06", "c09", "c01", "c04", "c08", "c11", "c10", "c05", "c03"]);
  });

  it("pages through the whole list with no row twice and none missing", async () => {
    const merchant = await mirror();
    const admin = await makeViewer("ADMIN");
    const first = await listCustomers(admin, merchant.slug, parseCustomerQuery({ sort: "city", pageSize: "10" }));
    const second = await listCustomers(admin, merchant.slug, parseCustomerQuery({ sort: "city", pageSize: "10", page: "2" }));
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 10 });
    expect(first.items).toHaveLength(10);
    expect(second).toMatchObject({ total: 12, page: 2, pageSize: 10 });
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((item) => item.key)).size).toBe(12);
    // Past the end: the last page again, said as such, rather than an empty table.
    const beyond = await listCustomers(admin, merchant.slug, parseCustomerQuery({ sort: "city", pageSize: "10", page: "999999" }));
    expect(beyond).toMatchObject({ total: 12, page: 2 });
    expect(beyond.items.map((item) => item.key)).toEqual(second.items.map((item) => item.key));
  });

  it("searches name, email and city in any case, and counts what it found", async () => {
    const merchant = await mirror();
    const admin = await makeViewer("ADMIN");
    const found = await listCustomers(admin, merchant.slug, parseCustomerQuery({ q: "LONDON", sort: "name", dir: "asc" }));
    expect(found.total).toBe(4);
    expect(found.items.map((item) => item.displayName)).toEqual(["babbage, Charles", "Franklin, Rosalind", "Goodall, Jane", "Lovelace, Ada"]);
    expect((await listCustomers(admin, merchant.slug, parseCustomerQuery({ q: "grace@" }))).items.map((item) => item.key)).toEqual(["c03"]);
  });

  it("finds a name typed either way round, or in part, as people type it", async () => {
    const merchant = await mirror();
    const admin = await makeViewer("ADMIN");
    const keys = async (q: string) => (await listCustomers(admin, merchant.slug, parseCustomerQuery({ q }))).items.map((item) => item.key);
    expect(await keys("Grace Hopper")).toEqual(["c03"]);
    expect(await keys("Hopper, Grace")).toEqual(["c03"]);
    expect(await keys("hopper grace")).toEqual(["c03"]);
    expect(await keys("gra hop")).toEqual(["c03"]);
    expect(await keys("Grace Turing")).toEqual([]);
    expect(await keys("london jane")).toEqual(["c11"]);
  });

  it("answers 'not found' for an account the viewer was not granted, and shows only that account's rows", async () => {
    const merchant = await mirror();
    const other = await mirror();
    const viewer = await makeViewer("VIEWER");
    await expect(listCustomers(viewer, merchant.slug, parseCustomerQuery({}))).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
    await db.merchantGrant.create({ data: { userId: viewer.id, merchantAccountId: merchant.id } });
    expect((await listCustomers(viewer, merchant.slug, parseCustomerQuery({}))).total).toBe(12);
    await expect(listCustomers(viewer, other.slug, parseCustomerQuery({}))).rejects.toMatchObject({ digest: expect.stringMatching(/404/) });
  });
});
