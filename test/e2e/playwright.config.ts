import { defineConfig } from '@playwright/test';

/**
 * System tests in Debian's Chromium (never a downloaded browser). Each test file starts its own
 * Presswork on a free port with a fresh data folder (see src/fixtures/presswork-server.ts).
 */
export default defineConfig({
    testDir: './src/tests',
    outputDir: './test-results',
    workers: 1,
    fullyParallel: false,
    forbidOnly: true,
    retries: 0,
    timeout: 90_000,
    expect: { timeout: 15_000 },
    reporter: [['list']],
    use: {
        browserName: 'chromium',
        viewport: { width: 1400, height: 900 },
        actionTimeout: 15_000,
        navigationTimeout: 30_000,
        screenshot: 'only-on-failure',
        launchOptions: {
            executablePath: process.env.PRESSWORK_CHROMIUM ?? '/usr/bin/chromium',
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--disable-sync', '--no-first-run', '--disable-quic']
        }
    }
});
