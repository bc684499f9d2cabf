// Lint rules for every package: TypeScript's recommended set plus the habits of this codebase.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { TEST_FILES, importBoundaries } from './configs/eslint/boundaries.mjs';
import { LOCALIZATION_SELECTORS, LOCALIZED_FILES } from './configs/eslint/localization.mjs';

/**
 * Files whose job is to print or to end a process: the simulator's command line and the console it
 * reports to when it runs on its own. Everything else in extensions/ and host/ is production code.
 */
const CONSOLE_PROGRAMS = ['host/marcomcentral-simulator/src/cli.ts', 'host/marcomcentral-simulator/src/console-log.ts'];

/** Tests run whole: no focused or skipped test is committed. */
const TEST_SELECTORS = [
    { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'Focused tests hide the rest of the suite.' },
    { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|describe|test)$/]", message: 'Skipped tests are not allowed.' }
];

export default tseslint.config(
    {
        ignores: ['**/lib/**', '**/src-gen/**', '**/node_modules/**', '**/gen-esbuild.*', 'host/browser-app/esbuild.mjs', '**/test-results/**']
    },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts', '**/*.tsx'],
        rules: {
            '@typescript-eslint/no-namespace': 'off',
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            '@typescript-eslint/no-require-imports': 'off',
            'no-console': 'error',
            'eqeqeq': ['error', 'always'],
            'prefer-const': 'error',
            'no-restricted-syntax': ['error', ...TEST_SELECTORS]
        }
    },
    {
        files: ['**/*.js'],
        languageOptions: { sourceType: 'commonjs', globals: globals.node },
        rules: { '@typescript-eslint/no-require-imports': 'off' }
    },
    ...importBoundaries(),
    {
        // UI text is localized (configs/eslint/localization.mjs). The selectors join the test ones:
        // a flat config's last matching object decides a rule's options.
        files: LOCALIZED_FILES,
        ignores: TEST_FILES,
        rules: { 'no-restricted-syntax': ['error', ...TEST_SELECTORS, ...LOCALIZATION_SELECTORS] }
    },
    {
        // Production code reports through a named logger (Theia's ILogger, or the log an embedding
        // host passes in), so each line has a level and a source and reaches the administrator's log.
        // It never ends the process: a failed start fails Theia's start (PressworkBackendApplication),
        // which stops every contribution cleanly. Tests, scripts and benchmarks may print.
        files: ['extensions/*/src/**/*.{ts,tsx}', 'host/*/src/**/*.ts'],
        ignores: [...TEST_FILES, ...CONSOLE_PROGRAMS],
        rules: {
            'no-restricted-properties': ['error', {
                object: 'process', property: 'exit',
                message: 'Let the failure propagate (or set process.exitCode in a CLI); production code does not end the process.'
            }, {
                object: 'AbortSignal', property: 'any',
                message: 'Use linkedSignal (@presswork/platform/lib/node/linked-signal): on Node 20, AbortSignal.any leaves an entry on each long-lived source for good.'
            }]
        }
    },
    {
        // Tests and command-line programs may report on the console, though not with console.log.
        files: [...TEST_FILES, ...CONSOLE_PROGRAMS],
        rules: { 'no-console': ['error', { allow: ['info', 'warn', 'error'] }] }
    },
    {
        // Benchmarks print their tables.
        files: ['test/bench/**/*.ts'],
        rules: { 'no-console': 'off' }
    }
);
