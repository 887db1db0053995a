/**
 * Driver adapters for the Prisma CLI only (prisma.config.ts imports this; the app never does).
 * Prisma 6.19's JS schema engine runs offline through a driver adapter, but needs a few
 * repairs that are recorded in ../shared/STACK.md. Each repair is the smallest one that works.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^file:/, "");
}

/**
 * The schema engine replays whole migration files through `executeRaw` with no
 * arguments; better-sqlite3 and pg's prepared statements both refuse multi-statement
 * SQL there, so route those to `executeScript`, which accepts it.
 */
function acceptMigrationScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    const statements = query.sql.split(";").filter((part) => part.trim() !== "");
    if (query.args.length === 0 && statements.length > 1) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

export function sqliteCliAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url) });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => acceptMigrationScripts(await factory.connect()),
    connectToShadowDb: async () => acceptMigrationScripts(await factory.connectToShadowDb()),
  };
}

// Catalog types the engine reads but adapter-pg 6.19 cannot decode (prisma/orm#27403):
// name (19) and "char" (18), and their arrays. Both are plain text on the wire.
const TEXT_OID = 25;
const TEXT_ARRAY_OID = 1009;
const CATALOG_TEXT_OIDS: Record<number, number> = { 18: TEXT_OID, 19: TEXT_OID, 1002: TEXT_ARRAY_OID, 1003: TEXT_ARRAY_OID };

type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;
let catalogTypesPatched = false;

function retypeCatalogColumns(adapter: object) {
  if (catalogTypesPatched) return;
  // performIO lives on adapter-pg's shared base class, used by connections and transactions alike.
  const queryable = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as { performIO: PerformIO };
  const performIO = queryable.performIO;
  queryable.performIO = async function (this: unknown, query: unknown) {
    const result = await performIO.call(this, query);
    for (const field of result.fields) field.dataTypeID = CATALOG_TEXT_OIDS[field.dataTypeID] ?? field.dataTypeID;
    return result;
  };
  catalogTypesPatched = true;
}

/**
 * adapter-pg's executeScript splits on every ";", which breaks function bodies in
 * migrations. PostgreSQL's simple query protocol takes a whole script at once (and runs
 * it as one implicit transaction), so send it unsplit.
 */
function sendScriptsWhole(adapter: Awaited<ReturnType<PrismaPg["connect"]>>) {
  const withErrors = adapter as unknown as { onError(error: unknown): never };
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      withErrors.onError(error);
    }
  };
  return adapter;
}

/**
 * Discrete fields, so adapter-pg does not treat the real database as its shadow.
 * allowExitOnIdle: idle pooled connections would otherwise keep a finished CLI
 * command alive for the pool's 10 s idle timeout.
 */
function poolConfig(url: string) {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")),
    allowExitOnIdle: true,
  };
}

export function postgresCliAdapter(url: string, shadowUrl: string | undefined): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(poolConfig(url));
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => {
      const adapter = await main.connect();
      retypeCatalogColumns(adapter);
      return acceptMigrationScripts(sendScriptsWhole(adapter));
    },
    // adapter-pg's own shadow databases leak; use one dedicated database, emptied before each use.
    connectToShadowDb: async () => {
      if (!shadowUrl) throw new Error("SHADOW_DATABASE_URL is required for this command on PostgreSQL");
      const adapter = await new PrismaPg(poolConfig(shadowUrl)).connect();
      retypeCatalogColumns(adapter);
      sendScriptsWhole(adapter);
      await adapter.executeScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
      return acceptMigrationScripts(adapter);
    },
  };
}
