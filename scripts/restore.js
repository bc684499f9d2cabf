#!/usr/bin/env node
// npm run restore -- <file.tar.gz> [--force]: brings a backup back as the data folder (see README);
// a PostgreSQL backup into the database of PRESSWORK_DATABASE_URL (see docs/scaling.md).
'use strict';
const { restoreBackup } = require('@presswork/platform/lib/node/backup/restore-backup');
const { describeDatabase } = require('@presswork/platform/lib/node/store/postgres/connection-settings');
const { dataFolder, databaseSettings, resolveArgument, run } = require('./data-folder');

run(async () => {
    const args = process.argv.slice(2);
    const force = args.includes('--force');
    const files = args.filter(arg => arg !== '--force');
    if (files.length !== 1 || files[0].startsWith('-')) {
        throw new Error('Usage: npm run restore -- <file.tar.gz> [--force]   (the data folder is PRESSWORK_DATA, default ./.presswork)');
    }
    const { databaseUrl, leaseSeconds } = databaseSettings();
    const summary = await restoreBackup(resolveArgument(files[0]), dataFolder(), { force, databaseUrl, leaseSeconds });
    if (summary.manifest.database) {
        console.info(`Restored the database of the backup made ${summary.manifest.createdAt} (taken from ${summary.manifest.database.source}) into ${describeDatabase(databaseUrl)}.`);
    }
    console.info(`Restored ${summary.manifest.files} files of the backup made ${summary.manifest.createdAt} into ${summary.dataFolder}.`);
    if (summary.replacedFolder) {
        console.info(`The data folder it replaced is kept at ${summary.replacedFolder}; remove it when no longer needed.`);
    }
});
