#!/usr/bin/env node
// npm run test:unit:postgresql: the features' store-touching unit tests (those that open a store
// through platform's TempStore / openTempStore / openStore, directly or through a fixture) against
// a real PostgreSQL, each store on a fresh database of one throwaway cluster per package run.
// Tests keep their own time limits; the default is longer, as each store opens on a database.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const HOOKS = path.join(root, 'extensions/platform/lib/node/test/postgres-test-hooks.js');
const TEMP_STORE = /from '[^']*\/test\/temp-store'|from '\.\/temp-store'/;

/**
 * Specs that look at the embedded store's files themselves (its folder, a document's file): they
 * test the file store's ways, which PostgreSQL does not have; the contract suite covers both.
 */
const EMBEDDED_ONLY = new Map([
    ['extensions/connections/src/node/connection-registry.spec.ts', 'reads and damages the connection\'s file in the store folder'],
    ['extensions/output/src/node/printers/printer-registry.spec.ts', 'reads the printer\'s file in the store folder'],
    ['extensions/platform/src/node/auth/api-tokens.spec.ts', 'reads the token\'s file in the store folder']
]);

function sourceFiles(folder) {
    const found = [];
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            found.push(...sourceFiles(full));
        } else if (entry.name.endsWith('.ts')) {
            found.push(full);
        }
    }
    return found;
}

/** Relative imports of a file, resolved to .ts files. */
function importsOf(file, text) {
    const imports = [];
    for (const match of text.matchAll(/from '(\.[^']*)'/g)) {
        imports.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
    }
    return imports;
}

function storeTouchingSpecs() {
    const files = fs.readdirSync(path.join(root, 'extensions')).flatMap(extension => {
        const src = path.join(root, 'extensions', extension, 'src');
        return fs.existsSync(src) ? sourceFiles(src) : [];
    });
    const texts = new Map(files.map(file => [file, fs.readFileSync(file, 'utf8')]));
    // Files that reach temp-store, directly or through fixtures, found until nothing new turns up.
    const reaching = new Set(files.filter(file => TEMP_STORE.test(texts.get(file)) || /@presswork\/platform\/lib\/node\/test\/temp-store'/.test(texts.get(file))));
    for (let grown = true; grown;) {
        grown = false;
        for (const file of files) {
            if (!reaching.has(file) && importsOf(file, texts.get(file)).some(imported => reaching.has(imported))) {
                reaching.add(file);
                grown = true;
            }
        }
    }
    return [...reaching].filter(file => file.endsWith('.spec.ts')).map(file => path.relative(root, file)).sort();
}

const specs = storeTouchingSpecs().filter(spec => !EMBEDDED_ONLY.has(spec));
const byPackage = new Map();
for (const spec of specs) {
    const [, extension, ...rest] = spec.split('/');
    const compiled = rest.join('/').replace(/^src\//, 'lib/').replace(/\.ts$/, '.js');
    byPackage.set(extension, [...byPackage.get(extension) ?? [], compiled]);
}
for (const [spec, reason] of EMBEDDED_ONLY) {
    console.info(`(embedded store only: ${spec}: ${reason})`);
}
console.info(`${specs.length} specs in ${byPackage.size} packages against PostgreSQL`);
const failedPackages = [];
for (const [extension, files] of byPackage) {
    const result = spawnSync('npx', ['mocha', '--config', '../../configs/mocharc.yml', '--require', HOOKS, '--timeout', '30000', ...files], {
        cwd: path.join(root, 'extensions', extension),
        stdio: 'inherit',
        env: { ...process.env, PRESSWORK_TEST_STORE: 'postgresql' }
    });
    if (result.status !== 0) {
        failedPackages.push(`${extension} (exit ${result.status ?? result.signal})`);
    }
}
// Said last, so that the end of a long log names what failed.
if (failedPackages.length) {
    console.error(`Against PostgreSQL, these packages' specs failed: ${failedPackages.join(', ')}; their failures are printed above.`);
}
process.exit(failedPackages.length ? 1 : 0);
