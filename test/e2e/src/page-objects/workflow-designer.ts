import { Page, expect, Locator } from '@playwright/test';

/** The Workflows view and the workflow editor (palette, phase lanes, properties). */
export class WorkflowDesigner {
    constructor(readonly page: Page) { }

    get list(): Locator {
        return this.page.locator('#presswork-workflows');
    }

    listRow(name: string): Locator {
        return this.page.locator(`tr[data-workflow="${name}"]`);
    }

    /** The editor that has focus: the main area shows one workflow at a time in these tests. */
    get editor(): Locator {
        return this.page.locator('[id^="presswork-workflow-editor:"]:visible');
    }

    lane(phase: string): Locator {
        return this.editor.locator(`[data-phase="${phase}"]`);
    }

    card(phase: string, activity: string): Locator {
        return this.lane(phase).locator(`[data-step-id][data-activity="${activity}"]`);
    }

    async createWorkflow(name: string): Promise<void> {
        await this.list.getByRole('button', { name: 'New…' }).click();
        const dialog = this.page.locator('#theia-dialog-shell');
        await dialog.getByLabel('Name', { exact: true }).fill(name);
        await dialog.getByRole('button', { name: 'Create' }).click();
        await expect(this.editor).toBeVisible();
    }

    /** Drags an activity from the palette into a lane, as a user does with the mouse. */
    async dragActivity(activity: string, phase: string): Promise<void> {
        await this.drag(this.editor.locator(`[data-palette-activity="${activity}"]`), this.lane(phase).locator('.presswork-workflow-lane-body'));
        await expect(this.card(phase, activity)).toHaveCount(1);
    }

    /** Press, move in steps and release, as a hand does: the drop indicator follows the pointer. */
    async drag(source: Locator, target: Locator): Promise<void> {
        const from = await source.boundingBox();
        const to = await target.boundingBox();
        if (!from || !to) {
            throw new Error('drag source or target is not visible');
        }
        await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
        await this.page.mouse.down();
        await this.page.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 8 });
        await this.page.mouse.move(to.x + to.width / 2 + 2, to.y + 32);
        await this.page.mouse.up();
    }

    async button(name: 'Save' | 'Undo' | 'Redo'): Promise<void> {
        await this.editor.getByRole('button', { name, exact: true }).click();
    }
}
