#!/usr/bin/env node
// npm run backup -- <file.tar.gz>: a consistent copy of the data folder, also while Presswork runs (see README);
// with PRESSWORK_DATABASE_URL, a pg_dump of the database plus the files folder (see docs/scaling.md).
'use strict';
const { createBackup } = require('@presswork/platform/lib/node/backup/create-backup');
const { dataFolder, databaseSettings, resolveArgument, run } = require('./data-folder');

run(async () => {
    const [file, ...rest] = process.argv.slice(2);
    if (!file || rest.length || file.startsWith('-')) {
        throw new Error('Usage: npm run backup -- <file.tar.gz>   (the data folder is PRESSWORK_DATA, default ./.presswork)');
    }
    const { databaseUrl } = databaseSettings();
    const summary = await createBackup(dataFolder(), resolveArgument(file), { databaseUrl });
    if (summary.database) {
        console.info(`Backed up the database at ${summary.database.source} (${summary.database.bytes} bytes of dump) and ${summary.files} files (${summary.bytes} bytes) of ${dataFolder()} to ${summary.archive}.`);
    } else {
        console.info(`Backed up ${summary.files} files (${summary.bytes} bytes) of ${dataFolder()} to ${summary.archive}` +
            (summary.pausedBackend ? ', while Presswork held its writes for the copy.' : '; Presswork was not running.'));
    }
    for (const skipped of summary.skipped) {
        console.warn(`Left out ${skipped}: not a file or folder.`);
    }
    console.info('The backup holds the secret key of the stored tokens: keep it as safe as the data folder.');
});
