import * as fs from 'node:fs/promises';
import { test, expect, Locator, Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import type { OrderView } from '@presswork/marcomcentral-simulator';
import { ReferencePrinter } from '@presswork/output/lib/node/test/reference-printer';
import {
    BUSINESS_CARDS, CONNECTION, jobsOfOrder, jobState, openOperations, OPERATOR, OPERATOR_PASSWORD, OPERATOR_START, signInOperatorFirstTime, storedJob
} from '../fixtures/closeout-scenario';
import { useStoreAndPresswork } from '../fixtures/store-and-presswork';
import type { StoredJob } from '../fixtures/stored-jobs';
import { ConnectionsView } from '../page-objects/connections-view';
import { JobActions } from '../page-objects/job-action-dialogs';
import { PressworkShell } from '../page-objects/presswork-shell';
import { PrintersView } from '../page-objects/printers-view';
import { ProductionTemplatesView } from '../page-objects/production-templates-view';
import { UsersView } from '../page-objects/users-view';
import { WorkflowDesigner } from '../page-objects/workflow-designer';

const ADMIN_PASSWORD = 'Admin#Batch1';
const PRINTER = 'Printer A';
/** Copies per job: the merged document holds each job's page this many times. */
const QUANTITY = 2;
const PREPRESS_DONE = 'presswork.jobs.prepressDone';
const RELEASE_BATCH_NOW = 'presswork.output.releaseBatchNow';
const REMOVE_FROM_BATCH = 'presswork.output.removeFromBatch';
const SPLIT_BATCH = 'presswork.output.splitBatch';
const BATCH_ID = /^B-\d{4,}$/;

type BatchedJob = StoredJob & { readonly batchId?: string };

/*
 * Batching across orders (issue 12), as a shop meets it: an administrator puts a Batch step at the
 * top of the print workflow's Print lane with Jobs per batch 3; three one-line orders let through
 * Prepress Check reach the reference IPP printer as ONE print job (a batch slip, then each job's
 * page to its copies) and each job then waits for its own order's closeout. An operator releases
 * a half-full batch by hand.
 */
test.describe('batching jobs across orders', () => {
    test.describe.configure({ mode: 'serial' });
    const context = useStoreAndPresswork(ADMIN_PASSWORD);
    let printer: ReferencePrinter;

    test.beforeAll(async () => {
        printer = await ReferencePrinter.start();
    });

    test.afterAll(async () => {
        await printer?.stop();
    });

    /** A one-line order of business cards whose print file is ready: its one job, once Presswork has it. */
    async function oneLineOrder(): Promise<{ order: OrderView, job: StoredJob }> {
        const order = await context.simulator.placeOrder({ OrderDetails: [{ SKU: BUSINESS_CARDS, Quantity: QUANTITY }] });
        for (const line of order.OrderDetails) {
            await context.simulator.markFileReady(line.ID);
        }
        const [job] = await jobsOfOrder(context.server.dataFolder, order);
        return { order, job };
    }

    /**
     * Lets each job through Prepress Check once it waits there, from the All Jobs pod's More menu;
     * with `waits`, each is then seen Waiting for batch (a job that fills its batch goes straight on).
     */
    async function letThroughPrepressCheck(actions: JobActions, jobs: readonly StoredJob[], waits = true): Promise<void> {
        for (const job of jobs) {
            await expect.poll(() => jobState(context.server.dataFolder, job.id), { timeout: 60_000 }).toBe('Waiting');
            await actions.run(job.id, PREPRESS_DONE);
            if (waits) {
                await expect(actions.pod.row(job.id)).toHaveAttribute('data-state', 'Waiting for batch', { timeout: 60_000 });
            } else {
                await expect.poll(() => jobState(context.server.dataFolder, job.id), { timeout: 60_000 }).not.toBe('Waiting');
            }
        }
    }

    async function batchOf(jobId: string): Promise<string | undefined> {
        return ((await storedJob(context.server.dataFolder, jobId)) as BatchedJob | undefined)?.batchId;
    }

    async function openBatches(shell: PressworkShell): Promise<Locator> {
        await shell.runMenu('Operations', 'Batches');
        const view = shell.page.locator('#presswork-batches');
        await expect(view).toBeVisible();
        return view;
    }

    /** The printer's jobs (what its print command received), once it has received `count`. */
    async function printerJobsSettled(count: number): Promise<Awaited<ReturnType<ReferencePrinter['tickets']>>> {
        await expect.poll(async () => (await printer.tickets()).length, { timeout: 90_000 }).toBe(count);
        return printer.tickets();
    }

    /** Drags the palette's Batch onto the top edge of the lane's first step, so it lands before it. */
    async function dragToTopOfLane(page: Page, designer: WorkflowDesigner, activity: string, phase: string): Promise<void> {
        const source = await designer.editor.locator(`[data-palette-activity="${activity}"]`).boundingBox();
        const first = await designer.lane(phase).locator('[data-step-id]').first().boundingBox();
        if (!source || !first) {
            throw new Error('the palette entry or the lane\'s first step is not visible');
        }
        await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
        await page.mouse.down();
        await page.mouse.move(first.x + first.width / 2, first.y + 4, { steps: 8 });
        await page.mouse.move(first.x + first.width / 2 + 2, first.y + 3);
        await page.mouse.up();
    }

    test('Batch before Print with Jobs per batch 3: three one-line orders print as one IPP job, each job then waits for its own order\'s closeout', async ({ browser }) => {
        test.setTimeout(420_000);
        const page = await browser.newPage();
        const shell = await PressworkShell.signIn(page, context.server.url, 'admin', ADMIN_PASSWORD);

        await shell.runMenu('View', 'Printers');
        await new PrintersView(page).createIpp({ name: PRINTER, uri: printer.uri });

        // The designer's palette offers Batch; dragged to the top of the Print lane it comes before Print.
        await shell.runMenu('View', 'Workflows');
        const designer = new WorkflowDesigner(page);
        await designer.listRow('MarcomCentral print').getByRole('button', { name: 'Open' }).click();
        await expect(designer.editor.locator('[data-palette-activity="batch"]')).toContainText('Batch');
        await dragToTopOfLane(page, designer, 'batch', 'Print');
        await expect(designer.lane('Print').locator('[data-step-id]').first()).toHaveAttribute('data-activity', 'batch');
        await expect(designer.card('Print', 'print')).toHaveCount(1);

        // Its property Jobs per batch, set to 3; Print goes to the IPP printer.
        await designer.card('Print', 'batch').click();
        const properties = page.locator('#presswork-workflow-properties');
        await properties.getByLabel('Jobs per batch').fill('3');
        await properties.getByLabel('Jobs per batch').blur();
        await designer.card('Print', 'print').click();
        await properties.locator('#presswork-step-field-printerId').selectOption({ label: PRINTER });
        await designer.button('Save');
        await expect(designer.editor).toContainText('Saved as version');

        // Printable products go to that workflow; the store is connected; an operator is added for later.
        await shell.runMenu('View', 'Production Templates');
        await new ProductionTemplatesView(page).create({ name: 'Printed products', productType: 'Versioned', workflow: 'MarcomCentral print' });
        await shell.runMenu('View', 'Connections');
        const connections = new ConnectionsView(page);
        await connections.create({ name: CONNECTION, endpointUrl: context.simulator.url, orderToken: context.simulator.orderToken, pollingIntervalSeconds: 2 });
        await connections.setEnabled(CONNECTION, true);
        await shell.runMenu('View', 'Users');
        await new UsersView(page).createUser(OPERATOR, 'Operator', OPERATOR_START);

        // Three one-line orders; the first two are let through Prepress Check and wait in one batch.
        const orders = [await oneLineOrder(), await oneLineOrder(), await oneLineOrder()];
        const jobs = orders.map(({ job }) => job);
        const { pod, actions } = await openOperations(shell);
        await letThroughPrepressCheck(actions, jobs.slice(0, 2));
        const batchId = await batchOf(jobs[0].id);
        expect(batchId).toMatch(BATCH_ID);
        expect(await batchOf(jobs[1].id)).toBe(batchId);
        expect((await storedJob(context.server.dataFolder, jobs[1].id))?.waitReason).toBe(`Batch ${batchId}: 2 of 3 jobs`);
        await expect(pod.row(jobs[1].id)).toContainText('2 of 3 jobs');
        expect(await printer.tickets()).toHaveLength(0);

        // The Batches view shows it open, two of three jobs, with both orders.
        const batches = await openBatches(shell);
        const open = batches.locator(`article[data-batch="${batchId}"]`);
        await expect(open).toHaveAttribute('data-state', 'open');
        await expect(open.locator('[data-field="fill"]')).toHaveText('2 of 3 jobs');
        await expect(open).toContainText(orders[0].order.OrderNumber);
        await expect(open).toContainText(orders[1].order.OrderNumber);

        // The third fills it: the printer receives ONE job, named by the batch, with all three jobs in it.
        await shell.runMenu('View', 'Operations');
        await letThroughPrepressCheck(actions, jobs.slice(2), false);
        const [ticket] = await printerJobsSettled(1);
        expect(ticket.env.IPP_JOB_NAME).toBe(batchId);
        expect(ticket.env.IPP_COPIES ?? '1').toBe('1');
        const merged = await PDFDocument.load(await fs.readFile(ticket.file), { updateMetadata: false });
        expect(merged.getPageCount(), 'a slip page, then each job\'s one page to its copies').toBe(1 + jobs.length * QUANTITY);

        // Each job then waits for its own order's closeout; the printer still has just the one job.
        for (const job of jobs) {
            await expect.poll(() => jobState(context.server.dataFolder, job.id), { timeout: 90_000 }).toBe('Waiting for order closeout');
        }
        expect(await printer.tickets()).toHaveLength(1);

        // The Batches view lists it released, with its output, printer and printer job.
        await openBatches(shell);
        const released = batches.locator(`article[data-batch="${batchId}"]`);
        await expect(released).toHaveAttribute('data-state', 'released', { timeout: 30_000 });
        await expect(released.locator('[data-field="fill"]')).toHaveText('3 of 3 jobs');
        for (const { order } of orders) {
            await expect(released).toContainText(order.OrderNumber);
        }
        await expect(released.locator('[data-field="released"]')).toContainText('3 of 3 jobs');
        await expect(released.locator('[data-field="printer"]')).toHaveText(PRINTER);
        await expect(released.locator('[data-field="deviceJob"]')).toHaveText(/^job \d+$/);
        await page.close();
    });

    test('an operator releases a half-full batch by hand and it prints', async ({ browser }) => {
        test.setTimeout(300_000);
        const page = await browser.newPage();
        const shell = await signInOperatorFirstTime(page, context.server.url);
        const orders = [await oneLineOrder(), await oneLineOrder()];
        const jobs = orders.map(({ job }) => job);
        const { actions } = await openOperations(shell);
        await letThroughPrepressCheck(actions, jobs);
        const batchId = await batchOf(jobs[0].id);
        expect(batchId).toMatch(BATCH_ID);
        expect(await batchOf(jobs[1].id)).toBe(batchId);

        // Half full, it waits: nothing more is sent to the printer.
        const batches = await openBatches(shell);
        const open = batches.locator(`article[data-batch="${batchId}"]`);
        await expect(open.locator('[data-field="fill"]')).toHaveText('2 of 3 jobs');
        await expect(open.locator('[data-field="nextRelease"]')).not.toBeEmpty();
        expect(await printer.tickets()).toHaveLength(1);

        // More → Release batch now is offered only on a job waiting for a batch, saying why otherwise.
        await shell.runMenu('View', 'Operations');
        await actions.openMore(jobs[0].id);
        await expect(actions.moreItem(RELEASE_BATCH_NOW)).toHaveText(/Release batch now/);
        await expect(actions.moreItem(RELEASE_BATCH_NOW)).not.toHaveAttribute('aria-disabled', 'true');
        await actions.moreItem(RELEASE_BATCH_NOW).click();

        // It prints as one job of two jobs' pages, and each job waits for its own order's closeout.
        const tickets = await printerJobsSettled(2);
        expect(tickets[1].env.IPP_JOB_NAME).toBe(batchId);
        const merged = await PDFDocument.load(await fs.readFile(tickets[1].file), { updateMetadata: false });
        expect(merged.getPageCount()).toBe(1 + jobs.length * QUANTITY);
        for (const job of jobs) {
            await expect.poll(() => jobState(context.server.dataFolder, job.id), { timeout: 90_000 }).toBe('Waiting for order closeout');
        }
        await actions.openMore(jobs[0].id);
        await expect(actions.moreItem(RELEASE_BATCH_NOW)).toHaveAttribute('aria-disabled', 'true');
        await expect(actions.moreItem(RELEASE_BATCH_NOW)).toHaveAttribute('title', /is not waiting for a batch/);
        await page.keyboard.press('Escape');

        const released = (await openBatches(shell)).locator(`article[data-batch="${batchId}"]`);
        await expect(released).toHaveAttribute('data-state', 'released', { timeout: 30_000 });
        await expect(released.locator('[data-field="released"]')).toContainText(new RegExp(`by hand.*${OPERATOR}`, 'i'));
        await page.close();
    });

    test('an operator splits a batch in the Batches view, takes a job out of a batch from the pod, and releases the rest from the view', async ({ browser }) => {
        test.setTimeout(300_000);
        const page = await browser.newPage();
        const shell = await PressworkShell.signIn(page, context.server.url, OPERATOR, OPERATOR_PASSWORD);
        const orders = [await oneLineOrder(), await oneLineOrder()];
        const [staying, leaving] = orders.map(({ job }) => job);
        const { actions } = await openOperations(shell);
        await letThroughPrepressCheck(actions, [staying, leaving]);
        const batchId = await batchOf(staying.id);
        expect(await batchOf(leaving.id)).toBe(batchId);

        // Split batch: the ticked job moves to a new open batch with the same rules.
        const batches = await openBatches(shell);
        const first = batches.locator(`article[data-batch="${batchId}"]`);
        const split = first.getByRole('button', { name: 'Split batch' });
        await expect(split).toBeDisabled();
        await first.getByLabel(`Split off Business Cards (order ${orders[1].order.OrderNumber})`).check();
        await split.click();
        const second = batches.locator('article[data-state="open"]').filter({ has: page.locator(`tr[data-job-id="${leaving.id}"]`) });
        await expect(second).not.toHaveAttribute('data-batch', batchId!, { timeout: 30_000 });
        const newBatchId = (await second.getAttribute('data-batch'))!;
        expect(newBatchId).toMatch(BATCH_ID);
        await expect(second.locator('[data-field="fill"]')).toHaveText('1 of 3 jobs');
        await expect(first.locator('[data-field="fill"]')).toHaveText('1 of 3 jobs');
        await expect(first.locator(`tr[data-job-id="${leaving.id}"]`)).toHaveCount(0);
        // The job says so too (the pod's Batch column).
        await expect(async () => expect(await batchOf(leaving.id)).toBe(newBatchId)).toPass({ timeout: 15_000 });

        // In the pod, Split batch says why not for the whole of a batch; Remove from batch… asks, Cancel first, then the job goes on alone.
        await shell.runMenu('View', 'Operations');
        await actions.openMore(leaving.id);
        await expect(actions.moreItem(SPLIT_BATCH)).toHaveAttribute('aria-disabled', 'true');
        await expect(actions.moreItem(SPLIT_BATCH)).toHaveAttribute('title', /^Select some of the jobs of batch B-\d{4,}, not all of them: the jobs selected move to a new batch$/);
        await actions.moreItem(REMOVE_FROM_BATCH).click();
        await expect(actions.dialog).toContainText(/out of batch B-\d{4,}\? It goes on alone/);
        await expect(actions.dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
        await actions.dialog.getByRole('button', { name: 'Remove from batch' }).click();
        const [alone] = (await printerJobsSettled(3)).slice(2);
        expect(alone.env.IPP_JOB_NAME).toContain(orders[1].order.OrderNumber);
        await expect.poll(() => jobState(context.server.dataFolder, leaving.id), { timeout: 90_000 }).toBe('Waiting for order closeout');

        // The job left behind is released from the Batches view and prints as its batch.
        await openBatches(shell);
        await first.getByRole('button', { name: 'Release batch now' }).click();
        const [rest] = (await printerJobsSettled(4)).slice(3);
        expect(rest.env.IPP_JOB_NAME).toBe(batchId);
        await expect.poll(() => jobState(context.server.dataFolder, staying.id), { timeout: 90_000 }).toBe('Waiting for order closeout');
        await expect(first).toHaveAttribute('data-state', 'released', { timeout: 30_000 });
        await first.getByText(/^Log/).click();
        await expect(first.locator('.presswork-batch-log')).toContainText(`split into batch ${newBatchId}`);
        await page.close();
    });
});
