import { expect, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * The axe rules checked: WCAG 2.1 A and AA. Serious and critical violations fail the test; each is
 * reported with the view or dialog it was found in, its rule, and the elements.
 */
async function seriousViolations(page: Page): Promise<string[]> {
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return results.violations
        .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
        .map(violation => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 4).map(node => node.target.join(' ')).join(' | ')}`
            + ` — ${violation.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
    expect.soft(await seriousViolations(page), `axe on ${where}`).toEqual([]);
}

/** The dialog that is open: named by its title, modal, with the focus inside, and checked by axe; left open. */
export async function expectAccessibleDialog(page: Page, title: string | RegExp): Promise<Locator> {
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect.poll(() => dialog.evaluate(node => node.contains(node.ownerDocument.activeElement)), { message: `focus in ${title}` }).toBe(true);
    await expectAccessible(page, `the dialog ${title}`);
    return dialog;
}

/** As expectAccessibleDialog, then closed with Escape. */
export async function checkDialog(page: Page, title: string | RegExp): Promise<Locator> {
    const dialog = await expectAccessibleDialog(page, title);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    return dialog;
}
