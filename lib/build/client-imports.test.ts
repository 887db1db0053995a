import { describe, expect, it } from "vitest";
import { clientGraph, valueImports } from "./client-imports";

/**
 * What must never be in the browser's first load (issue 16: ≤ 150 KB gzip a page; bench/first-load-js.ts
 * measures the build). Validation runs on the server (zod is ~50 KB gzip), dates are formatted on the
 * server (date-fns and the zone data), and tables are server-rendered HTML (TanStack Table).
 */
const SERVER_ONLY_PACKAGES = ["zod", "date-fns", "@date-fns/tz", "@tanstack/react-table", "@tanstack/table-core"];

describe("the browser's module graph", () => {
  const graph = clientGraph();

  it("is found: the shell's client links reach next and clsx", () => {
    expect([...graph.files.keys()].some((file) => file.endsWith("components/shell/nav-link.tsx"))).toBe(true);
    expect(graph.packages.has("clsx")).toBe(true);
  });

  it("reaches none of the server-only packages", () => {
    const reached = SERVER_ONLY_PACKAGES.filter((name) => graph.packages.has(name)).map((name) => `${name} (imported by ${graph.packages.get(name)})`);
    expect(reached).toEqual([]);
  });

  it("stops at server action modules: their code stays on the server", () => {
    expect([...graph.files.keys()].some((file) => file.endsWith("lib/actions/preferences.ts"))).toBe(true);
    expect([...graph.files.keys()].some((file) => file.endsWith("lib/dal/preferences.ts"))).toBe(false);
  });
});

describe("valueImports", () => {
  it("counts value imports and re-exports, not type-only ones", () => {
    const text = [
      'import { z } from "zod";',
      'import type { Viewer } from "@/lib/auth/viewer";',
      'import { type A, type B } from "./types";',
      'import { type C, d } from "./mixed";',
      'import "./side-effect.css";',
      'export { e } from "./reexport";',
      'export type { F } from "./type-reexport";',
      'const later = () => import("./lazy");',
    ].join("\n");
    expect(valueImports("example.tsx", text)).toEqual(["zod", "./mixed", "./side-effect.css", "./reexport"]);
  });
});
