import { Page, expect, Locator } from '@playwright/test';
import { AllJobsPod } from './all-jobs-pod';

/** The jobs extension's job actions, run from the All Jobs pod's More menu, and their dialogs. */
export class JobActions {
    constructor(readonly page: Page, readonly pod: AllJobsPod = new AllJobsPod(page)) { }

    /** The More menu's entry of an action, by command id (`presswork.jobs.hold`). */
    moreItem(actionId: string): Locator {
        return this.pod.menu.locator(`[data-menu-item="${actionId}"]`);
    }

    /**
     * Filters the pod down to the job (new orders keep arriving), then selects it. Typed again if
     * a live re-render of the toolbar dropped the debounced filter text.
     */
    async select(jobId: string): Promise<void> {
        await expect(async () => {
            await this.pod.filter('');
            await this.pod.filter(jobId);
            await expect(this.pod.row(jobId)).toBeVisible({ timeout: 3_000 });
            await expect(this.pod.rows()).toHaveCount(1, { timeout: 3_000 });
        }).toPass({ timeout: 30_000 });
        await this.pod.row(jobId).click();
        await expect(this.pod.row(jobId)).toHaveAttribute('aria-selected', 'true');
    }

    /** Selects the job and opens More. */
    async openMore(jobId: string): Promise<void> {
        await this.select(jobId);
        await this.pod.openMenu('more');
    }

    async run(jobId: string, actionId: string): Promise<void> {
        await this.openMore(jobId);
        await this.moreItem(actionId).click();
    }

    get dialog(): Locator {
        return this.page.locator('#theia-dialog-shell');
    }

    get properties(): Locator {
        return this.page.locator('#presswork-job-properties');
    }

    /** Opens Properties… of the job and waits until it shows the job's name. */
    async openProperties(jobId: string): Promise<void> {
        await this.run(jobId, 'presswork.jobs.properties');
        await expect(this.properties.locator('#presswork-job-field-name')).not.toHaveValue('');
    }

    propertyField(name: 'name' | 'copies' | 'due' | 'priority'): Locator {
        return this.properties.locator(`#presswork-job-field-${name}`);
    }

    async addProperty(key: string, value: string): Promise<void> {
        await this.properties.getByRole('button', { name: 'Add property' }).click();
        const row = this.properties.locator('.presswork-job-property-row').last();
        await row.getByLabel('Property name').fill(key);
        await row.getByLabel('Value', { exact: true }).fill(value);
    }

    get conflict(): Locator {
        return this.properties.locator('.presswork-job-properties-conflict');
    }

    async save(): Promise<void> {
        await this.dialog.getByRole('button', { name: 'Save' }).click();
    }

    get log(): Locator {
        return this.page.locator('#presswork-job-log');
    }

    logMessages(): Locator {
        return this.log.locator('tbody td.presswork-job-log-message');
    }

    async close(): Promise<void> {
        await this.dialog.locator('.dialogControl').getByRole('button', { name: /^(Close|Cancel)$/ }).click();
        await expect(this.dialog).toHaveCount(0);
    }
}
