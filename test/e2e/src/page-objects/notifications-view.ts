import { Page, expect, Locator } from '@playwright/test';

export interface RuleCondition {
    readonly property: string;
    readonly comparison: string;
    readonly value: string;
}

/** The administrators' Notifications view: Rules, E-mail and Webhooks tabs, the rule editor and the delivery log. */
export class NotificationsView {
    constructor(readonly page: Page) { }

    get root(): Locator {
        return this.page.locator('#presswork-notifications');
    }

    get dialog(): Locator {
        return this.page.locator('#theia-dialog-shell');
    }

    /** Opens the view from View → Notifications. */
    async open(): Promise<void> {
        await this.page.locator('#theia\\:menubar .lm-MenuBar-itemLabel', { hasText: 'View' }).click();
        await this.page.locator('.lm-Menu-itemLabel', { hasText: /^Notifications$/ }).click();
        await expect(this.root).toBeVisible();
    }

    async tab(name: 'Rules' | 'E-mail' | 'Webhooks'): Promise<void> {
        await this.root.getByRole('tab', { name }).click();
        await expect(this.root.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
    }

    smtpField(label: string): Locator {
        return this.root.getByRole('form', { name: 'SMTP settings' }).getByLabel(label, { exact: true });
    }

    /** Fills the SMTP form and saves it; waits for "Saved.". */
    async saveSmtp(fields: { host: string; port: number; security: 'smtps' | 'starttls' | 'none'; from: string }): Promise<void> {
        await this.tab('E-mail');
        await this.smtpField('SMTP server').fill(fields.host);
        await this.smtpField('Security').selectOption(fields.security);
        await this.smtpField('Port').fill(String(fields.port));
        await this.smtpField('From address').fill(fields.from);
        await this.root.getByRole('button', { name: 'Save', exact: true }).click();
        await expect(this.root.locator('[data-field="smtpSaved"]')).toHaveText('Saved.');
    }

    /** Sends a test e-mail and returns the result line. */
    async sendTestEmail(to: string): Promise<Locator> {
        await this.tab('E-mail');
        await this.root.getByLabel('Send to', { exact: true }).fill(to);
        await this.root.getByRole('button', { name: 'Send test e-mail' }).click();
        const result = this.root.locator('[data-field="testResult"]');
        await expect(result).not.toHaveText('Sending…');
        return result;
    }

    rule(name: string): Locator {
        return this.root.locator(`tr[data-rule="${name}"]`);
    }

    field(label: string): Locator {
        return this.dialog.getByLabel(label, { exact: true });
    }

    /** Opens New rule… on the Rules tab. */
    async newRule(): Promise<void> {
        await this.tab('Rules');
        await this.root.getByRole('button', { name: 'New rule…' }).click();
        await expect(this.dialog.locator('.presswork-notifications-rule-editor')).toBeVisible();
    }

    async addCondition(condition: RuleCondition): Promise<void> {
        await this.dialog.getByRole('button', { name: 'Add condition' }).click();
        const number = await this.dialog.locator('[data-condition]').count();
        await this.field(`Property of condition ${number}`).selectOption(condition.property);
        await this.field(`Comparison of condition ${number}`).selectOption({ label: condition.comparison });
        const value = this.field(`Value of condition ${number}`);
        if (await value.evaluate(element => element.tagName === 'SELECT')) {
            await value.selectOption(condition.value);
        } else {
            await value.fill(condition.value);
        }
    }

    /** Preview: the message filled in with the catalog's sample event. */
    async preview(): Promise<Locator> {
        await this.dialog.getByRole('button', { name: 'Preview' }).click();
        const preview = this.dialog.getByRole('region', { name: 'Preview of the message' });
        await expect(preview).toBeVisible();
        return preview;
    }

    async accept(label: 'Create' | 'Save'): Promise<void> {
        await this.dialog.getByRole('button', { name: label, exact: true }).click();
        await expect(this.dialog).toHaveCount(0);
    }

    endpoint(name: string): Locator {
        return this.root.locator(`tr[data-endpoint="${name}"]`);
    }

    get secretDialog(): Locator {
        return this.page.locator('.presswork-notifications-secret-dialog');
    }

    /** The signing secret shown once, after which the dialog is closed. */
    async takeSecret(): Promise<string> {
        await expect(this.secretDialog).toContainText('it will not be shown again');
        const secret = await this.secretDialog.getByLabel('Signing secret', { exact: true }).inputValue();
        await this.secretDialog.getByRole('button', { name: 'Done' }).click();
        await expect(this.secretDialog).toHaveCount(0);
        return secret;
    }

    /** Opens a rule's delivery log. */
    async deliveryLog(rule: string): Promise<Locator> {
        await this.rule(rule).getByRole('button', { name: 'Delivery log…' }).click();
        const log = this.page.locator('.presswork-notifications-delivery-dialog');
        await expect(log).toBeVisible();
        return log;
    }
}
