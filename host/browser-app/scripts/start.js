#!/usr/bin/env node
// Starts the bundled Presswork backend with the settings of the environment (see README).
// Arguments are passed as a list, never through a shell.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { spawn } = require('node:child_process');

const host = process.env.PRESSWORK_HOST || '127.0.0.1';
const port = process.env.PRESSWORK_PORT || '3000';
if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
    console.error(`PRESSWORK_PORT must be a port number, not ${JSON.stringify(port)}`);
    process.exit(2);
}
// Resolved against the folder `npm start` was run from, so ./.presswork lands beside the README.
const invokedFrom = process.env.INIT_CWD || process.cwd();
const dataFolder = path.resolve(invokedFrom, process.env.PRESSWORK_DATA || '.presswork');
fs.mkdirSync(dataFolder, { recursive: true, mode: 0o700 });
const theiaConfigFolder = path.join(dataFolder, 'theia');
fs.mkdirSync(theiaConfigFolder, { recursive: true, mode: 0o700 });

const backend = path.join(__dirname, '..', 'lib', 'backend', 'main.js');
if (!fs.existsSync(backend)) {
    console.error('Presswork is not built yet: run `npm run setup` (or `npm run build`) first.');
    process.exit(2);
}
const child = spawn(process.execPath, [backend, '--hostname', host, '--port', port, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PRESSWORK_DATA: dataFolder, THEIA_CONFIG_DIR: theiaConfigFolder }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
