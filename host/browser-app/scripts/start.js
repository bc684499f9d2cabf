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
const child = spawn(process.execPath, [backend, '--hostname', host, '--port', port, ...tlsArguments(), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PRESSWORK_DATA: dataFolder, THEIA_CONFIG_DIR: theiaConfigFolder, PRESSWORK_DOCS: path.join(__dirname, '..', '..', '..', 'docs') }
});
/** HTTPS when PRESSWORK_TLS_CERT and PRESSWORK_TLS_KEY name PEM files: Theia's --ssl --cert --certkey. */
function tlsArguments() {
    const cert = process.env.PRESSWORK_TLS_CERT;
    const key = process.env.PRESSWORK_TLS_KEY;
    if (!cert && !key) {
        return [];
    }
    if (!cert || !key) {
        console.error('PRESSWORK_TLS_CERT and PRESSWORK_TLS_KEY go together: set both (PEM files) or neither.');
        process.exit(2);
    }
    const files = [cert, key].map(file => path.resolve(invokedFrom, file));
    for (const file of files) {
        try {
            fs.accessSync(file, fs.constants.R_OK);
        } catch {
            console.error(`Cannot read the TLS file ${file}.`);
            process.exit(2);
        }
    }
    return ['--ssl', '--cert', files[0], '--certkey', files[1]];
}

for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
