import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The DAL's public face (lib/dal/*.ts) is what app code may call, so every function it
 * exports, declared there or re-exported, takes the viewer first. Read with the TypeScript
 * compiler, so an export of any shape (declaration, arrow, re-export) is seen as the
 * compiler sees it. Internals without a viewer belong in lib/dal/internal/.
 */
const root = process.cwd();
const dalDir = path.join(root, "lib/dal");
const publicFiles = readdirSync(dalDir)
  .filter((name) => name.endsWith(".ts") && !name.includes(".test.") && !name.startsWith("test-"))
  .map((name) => path.join(dalDir, name));
const viewerFile = path.join(root, "lib/auth/viewer.ts");

function compile(files: string[]) {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json could not be read");
  return ts.createProgram({ rootNames: files, options: { ...config.options, noEmit: true, incremental: false } });
}

/** "name: what is wrong" for each exported function whose first parameter is not a Viewer. */
function viewerlessExports(files: string[]): string[] {
  const program = compile(files);
  const checker = program.getTypeChecker();
  const problems: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${file} did not compile to a module`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable))) continue;
      const type = checker.getTypeOfSymbol(symbol);
      for (const signature of type.getCallSignatures()) {
        const [first] = signature.getParameters();
        const firstType = first && checker.getTypeOfSymbol(first);
        const declared = firstType?.getSymbol()?.getDeclarations()?.[0]?.getSourceFile().fileName;
        const isViewer = first?.getName() === "viewer" && firstType?.getSymbol()?.getName() === "Viewer" && declared === viewerFile;
        if (!isViewer) problems.push(`${path.relative(root, file)} ${exported.getName()}(${first ? `${first.getName()}: ${checker.typeToString(firstType!)}` : ""}…)`);
      }
    }
  }
  return problems;
}

describe("the DAL's public face", () => {
  it("has files to check", () => {
    expect(publicFiles.map((file) => path.basename(file))).toEqual(expect.arrayContaining(["customers.ts", "transactions.ts", "merchants.ts", "users.ts"]));
  });

  it("exports no function without the viewer as its first parameter", { timeout: 60_000 }, () => {
    expect(viewerlessExports(publicFiles)).toEqual([]);
  });

  it("catches one that lacks it (the check can fail)", { timeout: 60_000 }, () => {
    // The mirror queries take an account scope, not a viewer: that is why they are internal.
    expect(viewerlessExports([path.join(dalDir, "internal/mirror-transactions.ts")])).toEqual(
      expect.arrayContaining([expect.stringContaining("listMirrorTransactions(scope: TransactionScope")]),
    );
  });
});
