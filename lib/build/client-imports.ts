import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * The browser's share of the module graph: every file a "use client" module reaches through
 * static value imports (type-only imports and dynamic import() are not loaded with the page).
 * Read with the TypeScript compiler's own parser and module resolution, so path aliases and
 * package exports resolve as the build resolves them.
 */
const root = process.cwd();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name.startsWith(".") ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.includes(".test.") ? [full] : [];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json could not be read");
  return config.options;
}

/** The file's leading directive ("use client", "use server"), if any. */
function directiveOf(text: string): string | undefined {
  return /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["'](use (?:client|server))["']/.exec(text)?.[1];
}

/** The specifiers a file imports for their values (what the bundler must load with it). */
export function valueImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
      if (!onlyTypes) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** The package a resolved node_modules path belongs to ("zod", "@date-fns/tz"). */
function packageOf(resolved: string): string {
  const rest = resolved.split(`node_modules${path.sep}`).pop()!.split(path.sep);
  return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

export interface ClientGraph {
  /** Project files the browser loads, each with the client module it is first reached from. */
  files: Map<string, string>;
  /** Packages the browser loads, each with the project file that imports it. */
  packages: Map<string, string>;
}

/** Walks the graph from every "use client" file under the given folders. */
export function clientGraph(folders: string[] = ["app", "components", "lib"]): ClientGraph {
  const options = compilerOptions();
  const files = new Map<string, string>();
  const packages = new Map<string, string>();
  const entries = folders.flatMap((folder) => sourceFiles(path.join(root, folder))).filter((file) => directiveOf(readFileSync(file, "utf8")) === "use client");
  const queue = entries.map((file) => [file, path.relative(root, file)] as const);
  while (queue.length > 0) {
    const [file, entry] = queue.shift()!;
    if (files.has(file)) continue;
    files.set(file, entry);
    // A server action module reaches the browser as a reference to call, not as its code.
    const text = readFileSync(file, "utf8");
    if (directiveOf(text) === "use server") continue;
    for (const specifier of valueImports(file, text)) {
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (!resolved) continue;
      if (resolved.includes(`node_modules${path.sep}`)) {
        const name = packageOf(resolved);
        if (!packages.has(name)) packages.set(name, path.relative(root, file));
      } else {
        queue.push([resolved, entry]);
      }
    }
  }
  return { files, packages };
}
