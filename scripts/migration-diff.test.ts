import { describe, expect, it } from "vitest";
import { unexpectedChanges } from "./migration-diff";

describe("unexpectedChanges", () => {
  it("ignores the search objects that live in migrations only, and an empty migration", () => {
    const script = [
      "-- DropTable",
      "PRAGMA foreign_keys=off;",
      'DROP TABLE "MirrorTransactionSearch";',
      "PRAGMA foreign_keys=on;",
      'DROP TABLE "MirrorCustomerSearch_docsize";',
      'DROP INDEX "MirrorTransaction_search_trgm_idx";',
      'DROP INDEX "MirrorCustomer_search_scan_idx";',
      "-- This is an empty migration.",
    ].join("\n");
    expect(unexpectedChanges(script)).toEqual([]);
  });

  it("reports every other statement, as drift", () => {
    expect(unexpectedChanges('-- AlterTable\nALTER TABLE "MirrorTransaction" ADD COLUMN "note" TEXT;\nDROP TABLE "MirrorTransaction";\nDROP TABLE "MirrorTransactionSearchX";')).toEqual([
      'ALTER TABLE "MirrorTransaction" ADD COLUMN "note" TEXT;',
      'DROP TABLE "MirrorTransaction";',
      'DROP TABLE "MirrorTransactionSearchX";',
    ]);
  });
});
