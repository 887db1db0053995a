import { describe, expect, it } from "vitest";
import { csvLines, neutraliseCell } from "./csv";

describe("export CSV", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const attack of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      expect(neutraliseCell(attack).startsWith("'")).toBe(true);
    }
    expect(neutraliseCell("Ada Lovelace")).toBe("Ada Lovelace");
    expect(neutraliseCell("a=b")).toBe("a=b");
  });

  it("keeps plain numbers, negative amounts included, as numbers", () => {
    expect(neutraliseCell("-12.50")).toBe("-12.50");
    expect(neutraliseCell("-3")).toBe("-3");
    expect(neutraliseCell("-3e5")).toBe("'-3e5");
  });

  it("quotes as RFC 4180 says and ends every record with CRLF", () => {
    const text = csvLines([
      ["Name", "Note"],
      ["O'Brien, Ann", 'said "hi"'],
      ["two\r\nlines", null],
      [12, "=1+2"],
    ]);
    expect(text).toBe('Name,Note\r\n"O\'Brien, Ann","said ""hi"""\r\n"two\nlines",\r\n12,\'=1+2\r\n');
    expect(text.split("\r\n")).toHaveLength(5);
  });
});
