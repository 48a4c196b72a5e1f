import type { Command } from "commander";
import { UserError } from "../../core/errors.js";
import { isPostgresUrl, redactStoreUrl } from "../../store/postgres/store-url.js";
import { globalOptions, storeScheme, STORE_URL_VARIABLE, type CliIo } from "../cli-context.js";

/** `evalgate store …`: commands about the store itself rather than the runs in it. */
export function registerStoreCommands(program: Command, io: CliIo): void {
  const store = program.command("store").description("manage the store runs are kept in");
  store
    .command("migrate")
    .description(
      `apply the PostgreSQL store's pending schema migrations (--store postgres://… or ${STORE_URL_VARIABLE}); ` +
        "opening the store applies them too, so this is for a deploy step that runs them once, on purpose",
    )
    .action(async (_flags: unknown, command: Command) => {
      io.stdout.write(await migrateStore(command));
    });
}

/**
 * Migrates the PostgreSQL store named by `--store` or EVALGATE_STORE_URL and says from which
 * schema version to which. Throws UserError (exit 2) when neither names a store (a CI secret
 * that is not set must not look like a migration that ran), and when the server cannot be
 * reached or refuses the login (the URL shown with its password as ***). A directory or a
 * results branch has nothing to migrate here: each upgrades itself when opened, so naming one
 * on purpose is answered with that, exit 0.
 */
async function migrateStore(command: Command): Promise<string> {
  const { store, storeOrigin } = globalOptions(command);
  if (storeOrigin === "default") {
    throw new UserError(
      `store migrate needs a PostgreSQL store: pass --store postgres://USER@HOST/DB or set ${STORE_URL_VARIABLE} ` +
        "(the embedded store in .evalgate upgrades itself whenever evalgate opens it)",
    );
  }
  if (!isPostgresUrl(store)) {
    const scheme = storeScheme(store);
    // Only the scheme is named: a URL may carry a password.
    if (scheme !== undefined && scheme !== "github") throw new UserError(`${storeOrigin}: evalgate knows no "${scheme}:" store; store migrate is for postgres://USER@HOST/DB`);
    const what = scheme === "github" ? `the results branch ${store}` : `the embedded store in ${store}`;
    return `nothing to migrate: ${what} upgrades itself whenever evalgate opens it; store migrate is for a PostgreSQL store (postgres://…)\n`;
  }
  // Loaded only here: the `pg` driver is no part of the CLI's start-up.
  const { migratePostgresStore } = await import("../../store/postgres/index.js");
  const { from, to } = await migratePostgresStore(store);
  const name = `PostgreSQL store ${redactStoreUrl(store)}`;
  return from === to ? `${name}: already at schema version ${to}\n` : `${name}: schema version ${from} → ${to}\n`;
}
