// Runs once when the server starts: the database is migrated before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { client } = await import("@/db/client");
    const { runMigrations } = await import("@/db/migrator");
    await runMigrations(client);
  }
}
