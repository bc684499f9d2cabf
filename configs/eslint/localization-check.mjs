// Proves the localization rule still bites (configs/eslint/localization.mjs): lints small fixtures as
// if they sat in a localized browser folder and checks each plain English literal is refused and the
// localized forms pass. Then checks the keys in the sources: each nls.localize key is
// `presswork/<feature>/<key>` and has one English default wherever it is used.
// `npm run lint` runs it, so a selector that silently stops matching fails the lint.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const CLOSEOUT = 'extensions/closeout/src/browser/fixture.tsx';
const WORKFLOW = 'extensions/workflow/src/browser/fixture.ts';
const NLS = "import { nls } from '@theia/core/lib/common/nls';\n";

const CASES = [
    // Refused: plain English where the operator reads it.
    { path: CLOSEOUT, code: "export const a = <p>Not closed out yet.</p>;" },
    { path: CLOSEOUT, code: "export const a = <input title='Search activities' />;" },
    { path: CLOSEOUT, code: "export const a = <input placeholder='e.g. copies' />;" },
    { path: CLOSEOUT, code: "export const a = <section aria-label='Line items' />;" },
    { path: CLOSEOUT, code: "declare const n: string;\nexport const a = <button title={`Hide the ${n}`} />;" },
    { path: CLOSEOUT, code: "declare const on: boolean;\nexport const a = <button title={on ? 'Hide' : 'Show'} />;" },
    { path: WORKFLOW, code: "export const a = { id: 'x', label: 'Workflows' };" },
    { path: WORKFLOW, code: "declare const n: string;\nexport const a = { title: `Rename ${n}`, ok: 'Rename' };" },
    { path: WORKFLOW, code: "declare const w: { title: { label: string } };\nw.title.label = 'Workflow';" },
    { path: WORKFLOW, code: "declare const e: HTMLElement;\ne.textContent = 'Your changes are not saved.';" },
    { path: WORKFLOW, code: "declare const self: { messages: { info(text: string): void } };\nself.messages.info('Imported');" },
    { path: 'extensions/jobs/src/browser/pod/all-jobs-toolbar.tsx', code: "export const a = <span>Jobs</span>;" },
    // Allowed: localized text, and what is not text.
    { path: CLOSEOUT, allowed: true, code: `${NLS}export const a = <p className='presswork-note' data-section='log'>{nls.localize('presswork/closeout/nothingLogged', 'Nothing logged.')}</p>;` },
    { path: CLOSEOUT, allowed: true, code: `${NLS}declare const n: string;\nexport const a = <button title={nls.localize('presswork/closeout/hide', 'Hide the {0}', n)} aria-label={n}>— · {n}</button>;` },
    { path: WORKFLOW, allowed: true, code: "import { Command } from '@theia/core/lib/common/command';\nexport const C = Command.toLocalizedCommand({ id: 'x.y', label: 'Save', category: 'Workflow' }, 'presswork/workflow/commandSave');" },
    { path: WORKFLOW, allowed: true, code: "export const a = { name: 'folder', kind: 'text', placeholder: '/srv/dfe/input' };" },
    { path: WORKFLOW, allowed: true, code: "declare const logger: { warn(text: string): void };\nlogger.warn('Reloading printers failed');" },
    // Tests, and the browser code not yet localized, are not held to it.
    { path: 'extensions/closeout/src/browser/fixture.spec.tsx', allowed: true, code: "export const a = <p>Test text</p>;" },
    { path: 'extensions/connections/src/browser/fixture.tsx', allowed: true, code: "export const a = <p>Not yet localized</p>;" }
];

const eslint = new ESLint();
const failures = [];
for (const fixture of CASES) {
    const [result] = await eslint.lintText(fixture.code, { filePath: fixture.path });
    const messages = result.messages.map(message => `${message.ruleId}: ${message.message}`);
    try {
        if (fixture.allowed) {
            assert.deepEqual(messages, []);
        } else {
            assert.ok(messages.some(message => message.startsWith('no-restricted-syntax: UI text goes through nls.localize')),
                `expected the localization rule, got ${JSON.stringify(messages)}`);
        }
    } catch (error) {
        failures.push(`${fixture.path}: ${fixture.code.split('\n').pop()}\n    ${error.message.split('\n').join('\n    ')}`);
    }
}

// The keys: one format, one English default per key.
const KEY = /^presswork\/[a-z][A-Za-z]*(\/[a-z][A-Za-z0-9]*)+$/;
const CALL = /nls\.localize\(\s*'([^']*)',\s*'((?:[^'\\]|\\.)*)'/g;
const defaults = new Map();
function scan(folder) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
            scan(path);
        } else if (/\.tsx?$/.test(entry.name)) {
            for (const [, key, text] of readFileSync(path, 'utf8').matchAll(CALL)) {
                if (!KEY.test(key)) {
                    failures.push(`${path}: the key '${key}' is not presswork/<feature>/<camelCaseKey>`);
                }
                const seen = defaults.get(key);
                if (seen && seen.text !== text) {
                    failures.push(`${path}: the key '${key}' has the default '${text}' here and '${seen.text}' in ${seen.path}`);
                } else if (!seen) {
                    defaults.set(key, { text, path });
                }
            }
        }
    }
}
for (const extension of readdirSync('extensions')) {
    scan(join('extensions', extension, 'src'));
}

if (failures.length > 0) {
    console.error(`Localization: ${failures.length} problem(s):\n${failures.join('\n')}`);
    process.exitCode = 1;
} else {
    console.info(`Localization: all ${CASES.length} fixtures decided as expected; ${defaults.size} keys, one default each.`);
}
