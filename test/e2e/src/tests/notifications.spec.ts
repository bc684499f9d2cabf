import { test, expect, Page } from '@playwright/test';
import { PressworkServer } from '../fixtures/presswork-server';
import { SmtpSink } from '../fixtures/smtp-sink';
import { AllJobsPod } from '../page-objects/all-jobs-pod';
import { JobActions } from '../page-objects/job-action-dialogs';
import { NotificationsView } from '../page-objects/notifications-view';
import { PressworkShell } from '../page-objects/presswork-shell';
import { SignInPage } from '../page-objects/sign-in-page';
import { UsersView } from '../page-objects/users-view';

const ADMIN_PASSWORD = 'Admin#Notify1';
const FROM = 'presswork@shop.example';
const OPS = 'ops@shop.example';
const RULE = 'Order errors';

/**
 * Opens Operations and returns a job of the demo store that waits at Approve (a stock item's pick,
 * which Reject sends to Error), with its order number.
 */
async function jobWaitingForApproval(page: Page, shell: PressworkShell): Promise<{ id: string; orderNumber: string }> {
    await shell.runMenu('View', 'Operations');
    const pod = new AllJobsPod(page);
    await pod.waitUntilLoaded();
    const waiting = pod.grid.locator('tr[data-job-id][data-state="Waiting"]')
        .filter({ has: page.locator('td[data-column-id="currentActivity"]', { hasText: /approve/i }) });
    await expect(waiting.first()).toBeVisible({ timeout: 90_000 });
    const id = (await waiting.first().getAttribute('data-job-id'))!;
    const orderNumber = (await pod.cell(id, 'orderNumber').textContent())!.trim();
    return { id, orderNumber };
}

test.describe('notifications', () => {
    let smtp: SmtpSink;
    let server: PressworkServer;

    test.beforeAll(async () => {
        smtp = await SmtpSink.start();
        server = await PressworkServer.start({ adminPassword: ADMIN_PASSWORD, demo: true, environment: { PRESSWORK_DEMO_ORDER_SECONDS: '6' } });
    });

    test.afterAll(async () => {
        await server?.stop();
        await smtp?.close();
    });

    test('an administrator sets SMTP, sends a test e-mail, and a rule with two conditions mails the job that goes to Error', async ({ page }) => {
        test.setTimeout(240_000);
        const shell = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const view = new NotificationsView(page);
        await view.open();

        // E-mail: the shop's relay, then a test e-mail that the SMTP server takes.
        await view.saveSmtp({ host: '127.0.0.1', port: smtp.port, security: 'none', from: FROM });
        const result = await view.sendTestEmail(OPS);
        await expect(result).toHaveClass(/presswork-status-ok/);
        await expect.poll(() => smtp.to(OPS).length).toBe(1);
        expect(smtp.to(OPS)[0].from).toBe(FROM);

        // A job of the demo store waiting for an operator's approval: the rule names its order.
        const job = await jobWaitingForApproval(page, shell);
        await view.open();

        // New rule: Job in Error, the catalog's template prefilled; two conditions; Preview with the sample event.
        await view.newRule();
        await view.field('Name').fill(RULE);
        await view.field('Event').selectOption({ label: 'Job in Error' });
        await expect(view.field('Subject')).toHaveValue('Order {orderNumber}: {jobName} is in Error');
        await view.addCondition({ property: 'orderNumber', comparison: 'is', value: job.orderNumber });
        await view.addCondition({ property: 'state', comparison: 'is', value: 'Error' });
        await view.field('Other addresses').fill(OPS);
        // Save refuses a placeholder the event does not have, on the field, in words.
        await view.field('Subject').fill('[{orderNumbr}] in Error');
        await view.dialog.getByRole('button', { name: 'Create', exact: true }).click();
        await expect(view.dialog.locator('[data-problem-of="presswork-rule-subject"]')).toContainText('This event has no {orderNumbr}');
        await view.field('Subject').fill('[{orderNumber}] {jobName} is {state}');
        const preview = await view.preview();
        await expect(preview.locator('[data-field="previewSubject"]')).toHaveText('[ORD-10042] Business cards is Error');
        await expect(preview.locator('[data-field="previewText"]')).toContainText('Business cards');
        await expect(preview.locator('iframe[data-field="previewHtml"]')).toHaveAttribute('sandbox', '');
        await view.accept('Create');
        await expect(view.rule(RULE)).toContainText('Job in Error');
        await expect(view.rule(RULE).locator('[data-field="recipients"]')).toHaveText(OPS);

        // The job goes to Error (Reject with a reason): the rule's message arrives.
        const actions = new JobActions(page);
        await shell.runMenu('View', 'Operations');
        await actions.pod.waitUntilLoaded();
        await actions.run(job.id, 'presswork.jobs.reject');
        await actions.dialog.getByLabel('Reason').fill('Wrong paper in the proof');
        await actions.dialog.getByRole('button', { name: 'Reject' }).click();
        await expect(actions.pod.row(job.id)).toHaveAttribute('data-state', 'Error');
        const subject = `[${job.orderNumber}] `;
        await expect.poll(() => smtp.to(OPS).filter(mail => mail.subject.startsWith(subject)).length, { timeout: 60_000 }).toBe(1);
        expect(smtp.to(OPS).find(mail => mail.subject.startsWith(subject))!.subject).toMatch(/ is Error$/);

        // The rule's delivery log says it was delivered.
        await view.open();
        await view.tab('Rules');
        const log = await view.deliveryLog(RULE);
        await expect(log.locator('tr[data-delivery]').first()).toHaveAttribute('data-state', 'delivered');
        await expect(log.locator('[data-field="deliverySubject"]').first()).toHaveText(new RegExp(`^\\[${job.orderNumber}\\]`));
    });

    test('an administrator adds a webhook endpoint, sees its signing secret once, and rolls it', async ({ page }) => {
        await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        const view = new NotificationsView(page);
        await view.open();
        await view.tab('Webhooks');
        await view.root.getByRole('button', { name: 'New endpoint…' }).click();
        await view.field('Name').fill('Shop system');
        await view.field('URL').fill('ftp://shop.example/hooks');
        await view.field('Job in Error').check();
        // The form refuses what the service would, in words, naming the field.
        await expect(view.dialog).toContainText('URL: must be an http:// or https:// URL');
        await expect(view.dialog.getByRole('button', { name: 'Create', exact: true })).toBeDisabled();
        await view.field('URL').fill('https://shop.example/hooks/presswork');
        await view.dialog.getByRole('button', { name: 'Create', exact: true }).click();
        const secret = await view.takeSecret();
        expect(secret.length).toBeGreaterThanOrEqual(32);
        await expect(view.endpoint('Shop system')).toContainText('Job in Error');
        await expect(view.root).not.toContainText(secret);

        await view.endpoint('Shop system').getByRole('button', { name: 'Roll secret…' }).click();
        await view.dialog.getByRole('button', { name: 'Roll secret' }).click();
        const rolled = await view.takeSecret();
        expect(rolled).not.toBe(secret);
    });

    test('only administrators are offered the Notifications view', async ({ page, browser }) => {
        const admin = await PressworkShell.signIn(page, server.url, 'admin', ADMIN_PASSWORD);
        await admin.runMenu('View', 'Users');
        await new UsersView(page).createUser('Olga', 'Operator', 'Operat0r#Start');

        const operatorPage = await browser.newPage();
        const signIn = new SignInPage(operatorPage, server.url);
        await signIn.open();
        await signIn.signIn('Olga', 'Operat0r#Start');
        await signIn.changePassword('Operat0r#Start', 'Operat0r#Mine');
        const operator = new PressworkShell(operatorPage);
        await operator.waitUntilReady();
        await operator.menu('View').click();
        await expect(operatorPage.locator('.lm-Menu-itemLabel', { hasText: 'Operations' }).first()).toBeVisible();
        await expect(operatorPage.locator('.lm-Menu-itemLabel', { hasText: /^Notifications$/ })).toHaveCount(0);
    });
});
