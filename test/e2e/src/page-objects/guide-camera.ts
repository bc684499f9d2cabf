import * as fs from 'node:fs';
import * as path from 'node:path';
import { Page, expect, Locator } from '@playwright/test';

/**
 * Where the screenshots go. Every system-test run takes them (so a guide step that no longer works
 * fails the suite), into the test output; `npm run docs:screenshots` writes them where the guides
 * (docs/*.md) find them. They show times and order numbers, so writing them on every run would
 * leave the work tree changed after each `npm test`.
 */
export const GUIDE_IMAGES = process.env.PRESSWORK_UPDATE_GUIDE_IMAGES === '1'
    ? path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'images')
    : path.resolve(__dirname, '..', '..', 'test-results', 'guide-images');

/** One window size for every screenshot, so the guides look alike from run to run. */
export const GUIDE_VIEWPORT = { width: 1280, height: 800 } as const;

interface Box {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
}

/**
 * Takes the guides' screenshots while a system test drives the real application: the whole
 * window, one element, a dialog, or the area around a few elements (a toolbar button and its
 * menu). Each waits for what it shoots to be visible, so a screenshot never shows a half-drawn state.
 */
export class GuideCamera {
    constructor(readonly page: Page) {
        fs.mkdirSync(GUIDE_IMAGES, { recursive: true });
    }

    protected file(name: string): string {
        return path.join(GUIDE_IMAGES, `${name}.png`);
    }

    async window(name: string): Promise<void> {
        await this.page.mouse.move(GUIDE_VIEWPORT.width - 1, GUIDE_VIEWPORT.height - 1);
        await this.page.screenshot({ path: this.file(name), animations: 'disabled' });
    }

    /** `mask` covers secrets (an API token) with a box. */
    async element(locator: Locator, name: string, mask: Locator[] = []): Promise<void> {
        await expect(locator).toBeVisible();
        await locator.screenshot({ path: this.file(name), animations: 'disabled', mask, maskColor: '#9e9e9e' });
    }

    /** The dialog on top (Theia shows one at a time), without the dimmed window behind it. */
    async dialog(name: string, mask: Locator[] = []): Promise<void> {
        await this.element(this.page.locator('#theia-dialog-shell .dialogBlock').last(), name, mask);
    }

    /** The smallest area holding all these elements, with a margin, inside the window. */
    async around(locators: readonly Locator[], name: string, margin = 12): Promise<void> {
        const boxes: Box[] = [];
        for (const locator of locators) {
            await expect(locator).toBeVisible();
            const box = await locator.boundingBox();
            if (box) {
                boxes.push(box);
            }
        }
        const left = Math.max(0, Math.min(...boxes.map(box => box.x)) - margin);
        const top = Math.max(0, Math.min(...boxes.map(box => box.y)) - margin);
        const right = Math.min(GUIDE_VIEWPORT.width, Math.max(...boxes.map(box => box.x + box.width)) + margin);
        const bottom = Math.min(GUIDE_VIEWPORT.height, Math.max(...boxes.map(box => box.y + box.height)) + margin);
        await this.page.screenshot({ path: this.file(name), animations: 'disabled', clip: { x: left, y: top, width: right - left, height: bottom - top } });
    }
}
