import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { JOB_STATES } from '@presswork/platform/lib/common/job-status';

/**
 * JobFlow is the only writer of a job's state (platform's job-flow.ts). This reads the production
 * source of every extension and fails on a write of `state` outside the engine and JobFlow's own
 * module: an assignment `x.state = …`, or an object literal that sets `state` and is a job (it
 * spreads another object or has a field only a job has). Activity outcomes (`kind`) only ask.
 */

const EXTENSIONS = path.resolve(__dirname, '../../../..');
const ALLOWED = [
    path.join('workflow', 'src', 'node', 'engine') + path.sep,
    path.join('platform', 'src', 'common', 'job-flow.ts')
];
/** Fields of a job that nothing else Presswork keeps has: an object literal with one and `state` is a job. */
const JOB_FIELDS = new Set(['waitReason', 'stepIndex', 'stepId', 'currentActivity', 'wakeAt', 'workflowVersion', 'log', 'files']);

/** Where a source file writes a job's state: `line: text` for each. */
export function jobStateWrites(fileName: string, source: string): string[] {
    const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const found: string[] = [];
    const report = (node: ts.Node): void => {
        found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().replace(/\s+/g, ' ').slice(0, 120)}`);
    };
    const visit = (node: ts.Node): void => {
        if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
            && ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'state') {
            report(node);
        } else if (ts.isObjectLiteralExpression(node) && setsJobState(node)) {
            report(node);
        }
        ts.forEachChild(node, visit);
    };
    visit(file);
    return found;
}

function setsJobState(literal: ts.ObjectLiteralExpression): boolean {
    const names = literal.properties.map(property => property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined);
    const state = literal.properties[names.indexOf('state')];
    if (!state || names.includes('kind') || !isStateValue(state)) {
        return false;
    }
    return literal.properties.some(ts.isSpreadAssignment) || names.some(name => name !== undefined && JOB_FIELDS.has(name));
}

/**
 * Whether the property gives a state of its own: a literal, a choice, a variable. Reading another
 * object's `state` (a row copied from its job), a call (a sort key) or a schema declares nothing.
 */
function isStateValue(property: ts.ObjectLiteralElementLike): boolean {
    if (ts.isShorthandPropertyAssignment(property)) {
        return true;
    }
    if (!ts.isPropertyAssignment(property)) {
        return false;
    }
    let value = property.initializer;
    while (ts.isAsExpression(value) || ts.isParenthesizedExpression(value) || ts.isSatisfiesExpression(value)) {
        value = value.expression;
    }
    if (ts.isPropertyAccessExpression(value) && value.name.text === 'state') {
        return false;
    }
    if (ts.isStringLiteralLike(value)) {
        // Other documents have states too (a printer's 'idle'); only a job's own words are a job state.
        return (JOB_STATES as readonly string[]).includes(value.text);
    }
    return !ts.isCallExpression(value) && !(ts.isIdentifier(value) && value.text.endsWith('Schema'));
}

function productionSources(folder: string): string[] {
    const files: string[] = [];
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== 'node_modules' && entry.name !== 'lib' && entry.name !== 'test') {
                files.push(...productionSources(full));
            }
        } else if (/\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
            files.push(full);
        }
    }
    return files;
}

describe('the single writer of job state', () => {

    it('finds the writes it looks for, and not an activity outcome, a connection status or a printer\'s state', () => {
        const source = [
            'const a = { ...job, state: \'Error\', waitReason: reason };',
            'const b = { ...job, state };',
            'job.state = \'Held\';',
            'return { kind: \'wait\', state: \'Waiting\', reason };',
            'return { state: \'ok\', lastPollAt, nextPollAt };',
            'const row = { id: job.id, stepId: job.stepId, state: job.state };',
            'const c = { ...job, state: waited ? \'Received\' as const : job.state };',
            'const printer = { ...base, state: \'unknown\', reasons: [] };'
        ].join('\n');
        assert.deepEqual(jobStateWrites('sample.ts', source).map(found => found.split(':')[0]), ['1', '2', '3', '7']);
    });

    it('finds no write of a job\'s state outside the engine in any extension\'s production code', () => {
        const extensions = fs.readdirSync(EXTENSIONS, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name);
        assert.ok(extensions.length >= 5, `extensions found in ${EXTENSIONS}: ${extensions.join(', ')}`);
        const writes: string[] = [];
        for (const extension of extensions) {
            const src = path.join(EXTENSIONS, extension, 'src');
            if (!fs.existsSync(src)) {
                continue;
            }
            for (const file of productionSources(src)) {
                const relative = path.relative(EXTENSIONS, file);
                if (ALLOWED.some(allowed => relative === allowed || relative.startsWith(allowed))) {
                    continue;
                }
                writes.push(...jobStateWrites(file, fs.readFileSync(file, 'utf8')).map(found => `${relative}:${found}`));
            }
        }
        assert.deepEqual(writes, [], 'ask JobFlow instead (platform/src/common/job-flow.ts)');
    });
});
