// The data folder and file arguments of the command-line tools, resolved as `npm start` resolves them.
'use strict';
const path = require('node:path');

/** Where `npm run …` was typed: relative paths mean what the user sees there. */
const invokedFrom = process.env.INIT_CWD || process.cwd();

module.exports = {
    dataFolder: () => path.resolve(invokedFrom, process.env.PRESSWORK_DATA || '.presswork'),
    resolveArgument: file => path.resolve(invokedFrom, file),
    /** Runs a command's main function: its message on failure, exit code 1. */
    run: main => main().catch(error => {
        console.error(error instanceof Error ? error.message : String(error));
        process.exit(1);
    })
};
