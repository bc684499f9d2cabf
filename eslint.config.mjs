// Lint rules for every package: TypeScript's recommended set plus the habits of this codebase.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
            'no-console': ['error', { allow: ['info', 'warn', 'error'] }],
            'eqeqeq': ['error', 'always'],
            'prefer-const': 'error',
            'no-restricted-syntax': ['error',
                { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'Focused tests hide the rest of the suite.' },
                { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|describe|test)$/]", message: 'Skipped tests are not allowed.' }
            ]
        }
    },
    {
        files: ['**/*.js'],
        languageOptions: { sourceType: 'commonjs', globals: globals.node },
        rules: { '@typescript-eslint/no-require-imports': 'off' }
    },
    {
        // Benchmarks print their tables.
        files: ['test/bench/**/*.ts'],
        rules: { 'no-console': 'off' }
    }
);
