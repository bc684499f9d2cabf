import { Page, expect, Locator } from '@playwright/test';

export type ToolbarMenu = 'views' | 'columns' | 'facets' | 'layout' | 'more';

/** The All Jobs pod of the Operations workspace, with its toolbar menus, and the Order panel. */
export class AllJobsPod {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-all-jobs');
    }

    get grid(): Locator {
        return this.root.getByRole('grid');
    }

    /** The element that scrolls the rows. */
    get scroller(): Locator {
        return this.root.locator('[data-test-id="virtuoso-scroller"]');
    }

    get orderPanel(): Locator {
        return this.page.locator('#presswork-order-panel');
    }

    async waitUntilLoaded(): Promise<void> {
        await expect(this.root).toBeVisible({ timeout: 30_000 });
        await expect(this.rows().first()).toBeVisible({ timeout: 30_000 });
    }

    rows(): Locator {
        return this.grid.locator('tbody tr[data-job-id]');
    }

    row(jobId: string): Locator {
        return this.grid.locator(`tr[data-job-id="${jobId}"]`);
    }

    cell(jobId: string, columnId: string): Locator {
        return this.row(jobId).locator(`td[data-column-id="${columnId}"]`);
    }

    selectedRows(): Locator {
        return this.grid.locator('tr[data-job-id][aria-selected="true"]');
    }

    groupHeader(key: string): Locator {
        return this.grid.locator(`tr[data-group-key="${key}"]`);
    }

    header(columnId: string): Locator {
        return this.grid.locator(`th[data-column-id="${columnId}"]`);
    }

    toolbarButton(menu: ToolbarMenu): Locator {
        return this.root.locator(`button[data-menu="${menu}"]`);
    }

    get menu(): Locator {
        return this.page.locator('.presswork-popup-menu');
    }

    menuItem(label: string): Locator {
        return this.menu.locator('[role^="menuitem"]', { hasText: label });
    }

    async openMenu(menu: ToolbarMenu): Promise<void> {
        await this.toolbarButton(menu).click();
        await expect(this.menu).toBeVisible();
    }

    /** Adds a column that is not shown by default (Workflow, Phase, Job ID…) from the Columns menu. */
    async showColumn(label: string, columnId: string): Promise<void> {
        await this.openMenu('columns');
        const item = this.menuItem(label).first();
        if (await item.getAttribute('aria-checked') !== 'true') {
            await item.click();
        }
        await expect(this.header(columnId)).toBeVisible();
        await this.page.keyboard.press('Escape');
        await expect(this.menu).toHaveCount(0);
    }

    get filterBox(): Locator {
        return this.root.getByLabel('Filter jobs');
    }

    async filter(text: string): Promise<void> {
        await this.filterBox.fill(text);
    }

    /** What the pod says when no job shows. */
    get emptyResult(): Locator {
        return this.root.locator('.presswork-all-jobs-empty');
    }

    async groupBy(label: string): Promise<void> {
        await this.root.getByLabel('Group by').selectOption({ label });
    }

    /** Runs an entry of the views menu; `name` for a prompt that asks for a view name. */
    async viewsMenu(entry: string, name?: string): Promise<void> {
        await this.openMenu('views');
        await this.menuItem(entry).first().click();
        if (name !== undefined) {
            const dialog = this.page.locator('#theia-dialog-shell');
            await dialog.getByLabel('View name').fill(name);
            await dialog.getByRole('button', { name: 'Save' }).click();
            await expect(dialog).toHaveCount(0);
        }
    }

    async scrollTop(): Promise<number> {
        return this.scroller.evaluate(element => element.scrollTop);
    }
}
