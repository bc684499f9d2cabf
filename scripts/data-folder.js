// The data folder and file arguments of the command-line tools, resolved as `npm start` resolves them.
'use strict';
const path = require('node:path');

/** Where `npm run …` was typed: relative paths mean what the user sees there. */
const invokedFrom = process.env.INIT_CWD || process.cwd();

module.exports = {
    dataFolder: () => path.resolve(invokedFrom, process.env.PRESSWORK_DATA || '.presswork'),
    /** PRESSWORK_DATABASE_URL and PRESSWORK_LEASE_SECONDS, checked as the servers check them. */
    databaseSettings: () => {
        const { readPressworkConfig } = require('@presswork/platform/lib/node/presswork-config');
        const { databaseUrl, leaseSeconds } = readPressworkConfig(process.env, invokedFrom);
        return { databaseUrl, leaseSeconds };
    },
    resolveArgument: file => path.resolve(invokedFrom, file),
    /** Runs a command's main function: its message on failure, exit code 1. */
    run: main => main().catch(error => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    })
};
