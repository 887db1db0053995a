import { describe, expect, it } from "vitest";
import { assertLocalTestDatabase, resetDatabase } from "./reset-database";

/** The test reset wipes a database: only one on this machine, and never the demo's. */
describe("test database reset", () => {
  it("accepts files and PostgreSQL on loopback or a socket", () => {
    for (const url of [
      "file:./prisma/test.db",
      "file:/tmp/paydesk-e2e.db",
      "postgresql://paydesk:secret@127.0.0.1:5432/paydesk_test",
      "postgres://paydesk@localhost/paydesk_test",
      "postgresql://paydesk@[::1]:5432/paydesk_test",
      "postgresql://paydesk@127.0.0.2/paydesk_test",
      "postgresql:///paydesk_test",
      "postgresql://paydesk@/paydesk_test?host=/run/postgresql",
    ]) {
      expect(() => assertLocalTestDatabase(url), url).not.toThrow();
    }
  });

  it("refuses any other host, whatever DATABASE_URL says", () => {
    for (const url of [
      "postgresql://paydesk:secret@db.example.com:5432/paydesk",
      "postgresql://paydesk:secret@10.0.0.5/paydesk",
      "postgresql://paydesk@localhost.example.com/paydesk",
      "postgresql://paydesk@127.0.0.1.example.com/paydesk",
      "postgresql://paydesk@localhost/paydesk?host=db.example.com",
      "mysql://root@127.0.0.1/paydesk",
    ]) {
      expect(() => assertLocalTestDatabase(url), url).toThrow(/refusing/);
    }
  });

  it("refuses the demo database", () => {
    expect(() => assertLocalTestDatabase("file:./prisma/dev.db")).toThrow(/demo database/);
  });

  it("checks before touching anything", async () => {
    await expect(resetDatabase("postgresql://paydesk:secret@db.example.com/paydesk")).rejects.toThrow(/refusing/);
  });
});
