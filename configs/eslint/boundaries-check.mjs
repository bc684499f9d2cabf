// Proves the boundary rules still bite: lints small fixture sources as if they sat at the given
// paths and checks each is refused (or allowed) by the rule that should decide. `npm run lint`
// runs it first, so a rule that silently stops matching fails the lint.
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const CASES = [
    // Feature → feature, and platform → feature.
    { path: 'extensions/connections/src/node/fixture.ts', code: "import { WorkflowEngine } from '@presswork/workflow/lib/node/engine/workflow-engine';", rule: 'no-restricted-imports', says: 'Feature boundary' },
    { path: 'extensions/jobs/src/browser/fixture.ts', code: "import { CloseoutCommands } from '@presswork/closeout/lib/browser/closeout-commands';", rule: 'no-restricted-imports', says: 'Feature boundary' },
    { path: 'extensions/platform/src/common/fixture.ts', code: "import type { JobRow } from '@presswork/jobs/lib/common/job-row';", rule: 'no-restricted-imports', says: 'Feature boundary' },
    { path: 'extensions/closeout/src/node/fixture.ts', code: "import { x } from '../../../connections/src/node/x';", rule: 'no-restricted-imports', says: 'by its name' },
    // Node ↔ browser, common → either.
    { path: 'extensions/workflow/src/browser/fixture.ts', code: "import { WorkflowRepository } from '../node/workflows/workflow-repository';", rule: 'no-restricted-imports', says: 'browser/ code runs in the browser' },
    { path: 'extensions/workflow/src/node/fixture.ts', code: "import { FormDialog } from '@presswork/platform/lib/browser/form-dialog';", rule: 'no-restricted-imports', says: 'node/ code runs in the backend' },
    { path: 'extensions/platform/src/common/fixture.ts', code: "import { Widget } from '@theia/core/lib/browser/widgets/widget';", rule: 'no-restricted-imports', says: 'common/ runs in the browser and in Node' },
    { path: 'extensions/jobs/src/common/fixture.ts', code: "import * as fs from 'node:fs';", rule: 'no-restricted-imports', says: 'Node built-ins' },
    // The simulator is not a run-time dependency of an extension.
    { path: 'extensions/connections/src/node/fixture.ts', code: "import { startSimulator } from '@presswork/marcomcentral-simulator';", rule: 'no-restricted-imports', says: 'simulator' },
    // Production code logs and lets failures propagate.
    { path: 'extensions/jobs/src/browser/fixture.ts', code: "console.warn('job counts');", rule: 'no-console' },
    { path: 'extensions/platform/src/node/fixture.ts', code: 'process.exit(1);', rule: 'no-restricted-properties' },
    // What stays allowed, so the rules are not simply refusing everything.
    { path: 'extensions/connections/src/node/fixture.ts', code: "import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';\nimport { ConnectionInput } from '../common/connection-input';\nexport const used = [DocumentStore, ConnectionInput];", allowed: true },
    { path: 'extensions/closeout/src/node/fixture.spec.ts', code: "import { jobIdOf } from '@presswork/connections/lib/node/intake/intake-ids';\nconsole.info(jobIdOf);", allowed: true },
    { path: 'host/marcomcentral-simulator/src/cli.ts', code: "console.error('usage');\nprocess.exit(2);", allowed: true }
];

const eslint = new ESLint();
const failures = [];
for (const fixture of CASES) {
    const [result] = await eslint.lintText(fixture.code, { filePath: fixture.path });
    const messages = result.messages;
    try {
        if (fixture.allowed) {
            assert.deepEqual(messages.map(message => `${message.ruleId}: ${message.message}`), []);
        } else {
            const hit = messages.find(message => message.ruleId === fixture.rule && (!fixture.says || message.message.includes(fixture.says)));
            assert.ok(hit, `expected ${fixture.rule}${fixture.says ? ` ("${fixture.says}")` : ''}, got ${JSON.stringify(messages.map(message => message.message))}`);
        }
    } catch (error) {
        failures.push(`${fixture.path}: ${fixture.code.split('\n')[0]}\n    ${error.message.split('\n').join('\n    ')}`);
    }
}
if (failures.length > 0) {
    console.error(`Boundary rules: ${failures.length} of ${CASES.length} fixtures not decided as expected:\n${failures.join('\n')}`);
    process.exitCode = 1;
} else {
    console.info(`Boundary rules: all ${CASES.length} fixtures decided as expected.`);
}
