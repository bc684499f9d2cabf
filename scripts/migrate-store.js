#!/usr/bin/env node
// npm run migrate-store -- --to <database url>: copies the embedded store of the data folder into an empty PostgreSQL database (see docs/scaling.md).
'use strict';
const { migrateStore } = require('@presswork/platform/lib/node/store/migrate/migrate-store');
const { formatMigrationReport } = require('@presswork/platform/lib/node/store/migrate/migration-table');
const { dataFolder, databaseSettings, run } = require('./data-folder');

/** The collections the extensions declare, for their index keys (a collection not listed is copied without keys). */
const DEFINITIONS = [
    require('@presswork/platform/lib/node/store/platform-collections').PLATFORM_COLLECTIONS,
    [require('@presswork/platform/lib/node/auth/api-tokens').ApiTokensCollection],
    require('@presswork/connections/lib/node/connection-collections').CONNECTIONS_COLLECTIONS,
    require('@presswork/workflow/lib/node/workflow-collections').WORKFLOW_COLLECTIONS,
    require('@presswork/closeout/lib/node/closeout-collections').CLOSEOUT_COLLECTIONS,
    require('@presswork/jobs/lib/node/views/saved-view-collections').SAVED_VIEW_COLLECTIONS,
    require('@presswork/output/lib/node/output-collections').OUTPUT_COLLECTIONS,
    require('@presswork/notifications/lib/node/notifications-collections').NOTIFICATION_COLLECTIONS
].flat();

run(async () => {
    const args = process.argv.slice(2);
    if (args.length !== 2 || args[0] !== '--to' || !/^postgres(ql)?:\/\//.test(args[1])) {
        throw new Error('Usage: npm run migrate-store -- --to postgres://user:password@host:5432/database   (the data folder is PRESSWORK_DATA, default ./.presswork)');
    }
    const { leaseSeconds } = databaseSettings();
    const report = await migrateStore({ dataFolder: dataFolder(), databaseUrl: args[1], definitions: DEFINITIONS, leaseSeconds });
    console.info(`Copied the store of ${dataFolder()} into ${report.database}.\n`);
    console.info(formatMigrationReport(report));
    if (!report.verified) {
        console.error('\nThe database does not hold the same documents as the folder (DIFFERENT above). Do not start Presswork on it; empty the database and copy again.');
        process.exit(1);
    }
    console.info('\nEvery collection has the same documents on both sides. Start the servers with PRESSWORK_DATABASE_URL set to this database and PRESSWORK_DATA to the shared files folder.');
});
