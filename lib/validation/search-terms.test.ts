import { describe, expect, it } from "vitest";
import { searchTerms } from "./search-terms";

describe("searchTerms", () => {
  it("splits names written either way into the same words", () => {
    expect(searchTerms("Jonathan Smith")).toEqual(["jonathan", "smith"]);
    expect(searchTerms("Smith, Jonathan")).toEqual(["smith", "jonathan"]);
    expect(searchTerms("  SMITH ,jonathan  ")).toEqual(["smith", "jonathan"]);
  });

  it("keeps an email, a reference number, an invoice or a last four whole", () => {
    expect(searchTerms("Jonathan.Smith56@Example.com")).toEqual(["jonathan.smith56@example.com"]);
    expect(searchTerms("#3620103999")).toEqual(["3620103999"]);
    expect(searchTerms("INV-2024-001")).toEqual(["inv-2024-001"]);
    expect(searchTerms("5445")).toEqual(["5445"]);
  });

  it("drops quotes and trailing punctuation, repeats, and words past the sixth", () => {
    expect(searchTerms('"smith" smith.')).toEqual(["smith"]);
    expect(searchTerms("a b c d e f g h")).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(searchTerms(" , ")).toEqual([]);
  });
});
