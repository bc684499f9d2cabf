import { Page, expect, Locator } from '@playwright/test';

export type CloseoutTab = 'packingSlip' | 'invoice' | 'settlement';

/** The closeout extension's dialogs: Order Details, the closeout warnings, the Closeout Order dialog and the closeout record. */
export class CloseoutDialogs {
    constructor(readonly page: Page) { }

    get orderDetails(): Locator {
        return this.page.locator('.presswork-order-details-dialog');
    }

    /** A read-only value of the Order Details dialog or a Closeout tab, by its field hook. */
    fact(dialog: Locator, field: string): Locator {
        return dialog.locator(`[data-field="${field}"]`).first();
    }

    /** Only the value of such a fact, without its label. */
    factValue(dialog: Locator, field: string): Locator {
        return this.fact(dialog, field).locator('.presswork-closeout-fact-value');
    }

    orderLine(productName: string): Locator {
        return this.orderDetails.locator('tr[data-line-id]', { hasText: productName });
    }

    async closeOrderDetails(): Promise<void> {
        await this.orderDetails.locator('.dialogControl').getByRole('button', { name: 'Close', exact: true }).click();
        await expect(this.orderDetails).toHaveCount(0);
    }

    get notReadyWarning(): Locator {
        return this.page.locator('.presswork-closeout-not-ready-dialog');
    }

    async answerNotReady(answer: 'Yes' | 'No'): Promise<void> {
        await this.notReadyWarning.getByRole('button', { name: answer, exact: true }).click();
        await expect(this.notReadyWarning).toHaveCount(0);
    }

    get blockedWarning(): Locator {
        return this.page.locator('.presswork-closeout-blocked-dialog');
    }

    get closeout(): Locator {
        return this.page.locator('.presswork-closeout-dialog');
    }

    /** Closeout order… on a closed order: its closeout record, read-only. */
    get record(): Locator {
        return this.page.locator('.presswork-closeout-record-dialog');
    }

    /** A part of the closeout record (packing slip, invoice, settlement). */
    recordPart(part: CloseoutTab): Locator {
        return this.record.locator(`section[data-part="${part}"]`);
    }

    tab(part: CloseoutTab): Locator {
        return this.closeout.locator(`[role="tab"][data-part="${part}"]`);
    }

    tabs(): Locator {
        return this.closeout.locator('[role="tab"]');
    }

    panel(part: CloseoutTab): Locator {
        return this.closeout.locator(`[role="tabpanel"][data-part="${part}"]`);
    }

    async openTab(part: CloseoutTab): Promise<Locator> {
        await this.tab(part).click();
        await expect(this.panel(part)).toBeVisible();
        return this.panel(part);
    }

    field(name: string): Locator {
        return this.closeout.locator(`input[name="${name}"]`);
    }

    fieldError(name: string): Locator {
        return this.closeout.locator(`[data-error-for="${name}"]`);
    }

    button(name: 'OK' | 'Try again' | 'Cancel' | 'Close'): Locator {
        return this.closeout.locator('.dialogControl').getByRole('button', { name, exact: true });
    }

    status(): Locator {
        return this.closeout.locator('.presswork-closeout-status');
    }
}
