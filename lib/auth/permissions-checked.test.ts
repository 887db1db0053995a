import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "./permissions";

/**
 * A permission is declared only once the server checks it: in the DAL (which every page,
 * action and route handler goes through) or, for a page with no data of its own, in the
 * page's requirePermission(). A permission granted but checked nowhere would be a promise
 * the code does not keep, so it fails here.
 */
const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.includes(".test."))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** String literals in code (not comments), and those passed to requirePermission(). */
function literals(file: string): { all: Set<string>; required: Set<string> } {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const all = new Set<string>();
  const required = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node)) all.add(node.text);
    if (ts.isCallExpression(node) && node.expression.getText(source) === "requirePermission") {
      for (const argument of node.arguments) if (ts.isStringLiteral(argument)) required.add(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { all, required };
}

describe("every declared permission", () => {
  const inDal = new Set(sourceFiles("lib/dal").flatMap((file) => [...literals(file).all]));
  const requiredByPages = new Set(sourceFiles("app").flatMap((file) => [...literals(file).required]));

  for (const permission of PERMISSIONS) {
    it(`${permission} is checked on the server`, () => {
      expect(inDal.has(permission) || requiredByPages.has(permission)).toBe(true);
    });
  }

  it("would be caught if nothing checked it", () => {
    expect(inDal.has("nothing:checks-this") || requiredByPages.has("nothing:checks-this")).toBe(false);
  });
});
