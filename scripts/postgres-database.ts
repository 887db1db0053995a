import pg from "pg";

/**
 * Makes sure the PostgreSQL database a URL names exists (creating it, owned by the URL's user,
 * when the server answers that it does not), so `npm run demo` works on a fresh server too.
 * Returns a line for the console, without the password.
 */
export async function ensurePostgresDatabase(url: string): Promise<string> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  const where = `${target.hostname}:${target.port || 5432}/${name}`;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return `using ${where}`;
  } catch (error) {
    // 3D000: invalid_catalog_name, "database does not exist".
    if ((error as { code?: string }).code !== "3D000") throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const maintenance = new pg.Client({ connectionString: admin.toString() });
  await maintenance.connect();
  try {
    await maintenance.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await maintenance.end();
  }
  return `created ${where}`;
}
