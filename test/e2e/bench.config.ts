import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * Browser timings of the Operations workspace (issue 5, item 9), kept out of the system tests:
 * `npx playwright test --config bench.config.ts` after the bundle is built.
 */
export default defineConfig({
    ...base,
    testDir: './src/bench',
    testMatch: '**/*.bench.ts',
    outputDir: './test-results/bench',
    timeout: 15 * 60_000,
    expect: { timeout: 60_000 }
});
