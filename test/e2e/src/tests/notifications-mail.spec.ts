import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import { ActivityTypes, DefaultWorkflowIds } from '@presswork/platform/lib/common/well-known';
import { sampleOrder } from '@presswork/platform/lib/node/store/test/sample-documents';
import { SmtpTestServer, type ReceivedMail } from '@presswork/notifications/lib/node/test/smtp-test-server';
import { ReferencePrinter } from '@presswork/output/lib/node/test/reference-printer';
import { jobState } from '../fixtures/closeout-scenario';
import { writeOrders } from '../fixtures/prepared-orders';
import { PressworkServer } from '../fixtures/presswork-server';

/*
 * Issue 13's acceptance, as a shop lives it (no browser): Presswork provisioned from the
 * environment with an SMTP relay, an administrator's address and an IPP printer; an order's job
 * prints on it and the printer runs out of paper while printing. The administrator receives one
 * e-mail naming the printer's problem and the order it holds up.
 */

const ADMIN_EMAIL = 'ops@shop.test';
const PRINT_FILE = 'cards.pdf';
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** One order whose one job is queued at the default print workflow's Print step: the engine prints it at start. */
function orderToPrint(): Order {
    const order = sampleOrder('order-mail', 1);
    const [job] = order.jobs;
    return {
        ...order,
        jobs: [{
            ...job, name: 'Spring cards', properties: {}, files: [{ name: PRINT_FILE, size: PDF.length }],
            workflowId: DefaultWorkflowIds.print, workflowVersion: 1, phase: 'Print', stepIndex: 0, stepId: 'print-print',
            currentActivity: ActivityTypes.print, state: 'Queued', copies: 50
        }]
    };
}

/** A message's text with quoted-printable soft breaks and escapes undone (enough for ASCII words). */
function readable(mail: ReceivedMail): string {
    return mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function subjectOf(mail: ReceivedMail): string {
    return /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.raw)?.[1].replace(/\r?\n[ \t]/g, ' ') ?? '';
}

test.describe('an e-mail when the printer runs out of paper on an order', () => {
    let dataFolder: string;
    let smtp: SmtpTestServer;
    let printer: ReferencePrinter;
    let server: PressworkServer;
    const order = orderToPrint();
    const [job] = order.jobs;

    test.beforeAll(async () => {
        smtp = await SmtpTestServer.start();
        printer = await ReferencePrinter.start();
        // Out of paper as soon as the job starts printing, for long enough that the monitor sees it.
        await printer.behave({ raise: { reason: 'media-empty-error', forMs: 25_000 } });
        dataFolder = await fs.mkdtemp(path.join(os.tmpdir(), 'presswork-e2e-mail-'));
        await writeOrders(dataFolder, [order]);
        await fs.mkdir(path.join(dataFolder, 'jobs', job.id), { recursive: true });
        await fs.writeFile(path.join(dataFolder, 'jobs', job.id, PRINT_FILE), PDF);
        server = await PressworkServer.start({
            adminPassword: 'Admin#Mail1',
            environment: {
                PRESSWORK_DATA: dataFolder,
                PRESSWORK_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
                PRESSWORK_SMTP_FROM: 'presswork@shop.test',
                PRESSWORK_ADMIN_EMAIL: ADMIN_EMAIL,
                PRESSWORK_PRINTER_URL: printer.uri
            }
        });
    });

    test.afterAll(async () => {
        await server?.stop();
        await printer?.stop();
        await smtp?.stop();
        if (dataFolder) {
            await fs.rm(dataFolder, { recursive: true, force: true });
        }
    });

    test('the administrator receives one e-mail naming the order and the paper problem within 30 s', async () => {
        test.setTimeout(120_000);
        const toAdmin = (): ReceivedMail[] => smtp.received.filter(mail => mail.to.includes(ADMIN_EMAIL));

        // The job reaches the printer, which runs out of paper on it.
        await expect.poll(async () => (await printer.tickets()).length, { timeout: 45_000 }).toBe(1);
        const printing = Date.now();

        await expect.poll(() => toAdmin().length, { timeout: 30_000, message: `no e-mail to ${ADMIN_EMAIL}; Presswork's log:\n${server.log}` }).toBeGreaterThan(0);
        expect(Date.now() - printing).toBeLessThan(30_000);
        const [mail] = toAdmin();
        const subject = subjectOf(mail);
        const text = readable(mail);
        expect(subject).toContain('Printer needs attention');
        expect(subject).toMatch(/out of paper/i);
        expect(text).toContain(`At the printer: order ${order.orderNumber}, ${job.name}.`);
        expect(text).toMatch(/out of paper/i);
        expect(mail.from).toBe('presswork@shop.test');

        // One e-mail, not one per poll of the printer: still one once paper is back and the job printed.
        await expect.poll(() => jobState(dataFolder, job.id), { timeout: 60_000 }).toBe('Waiting for order closeout');
        expect(toAdmin()).toHaveLength(1);
    });
});

