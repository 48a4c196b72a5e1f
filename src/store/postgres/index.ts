export { openPostgresStore, migratePostgresStore, type PostgresStoreOptions, type MigrationOutcome } from "./open-postgres-store.js";
export { PostgresRunStore } from "./postgres-store.js";
export { isPostgresUrl, redactStoreUrl } from "./store-url.js";
