import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { JobTicket } from '@presswork/platform/lib/common/job-ticket';
import type { Order } from '@presswork/platform/lib/common/order-schema';
import type { WorkflowStep } from '@presswork/platform/lib/common/workflow-schema';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';
import { OrdersCollection, UsersCollection, shardOf } from '@presswork/platform/lib/node/store';
import { sampleOrder, sampleUser } from '@presswork/platform/lib/node/store/test/sample-documents';
import { TicketPropertyNames, buildTicket } from '@presswork/output/lib/common/tickets/ticket-properties';
import { PrinterRegistry } from '@presswork/output/lib/node/printers/printer-registry';
import { WorkflowRepository } from '@presswork/workflow/lib/node/workflows/workflow-repository';
import type { Container } from '@theia/core/shared/inversify';
import { DocumentStore } from '@presswork/platform/lib/node/store';
import { EngineFolders, forEachConcurrently } from '../engine-backend';

/**
 * The print benchmark's and the print crash test's jobs: one an order, Received in a workflow whose
 * Print step names an IPP printer, each with a small one-page PDF of its own and a ticket that varies
 * (copies 1–3, one- or two-sided, colour or monochrome) as the job's properties say.
 */

/** The workflow's end: the job stays, Retained, so that every job can be checked after the run. */
export const PRINT_RETAIN_STEP: WorkflowStep = { id: 'complete-retain', activity: ActivityTypes.retain, properties: { indefinitely: true, days: 0, hours: 0 } };
export const PRINT_STEP_ID = 'print-ipp';
export const BENCH_ADMINISTRATOR = 'bench-administrator';

/** One job as the baseline sends it: the same PDF and ticket the Print activity sends. */
export interface PrintFixtureJob {
    readonly orderId: string;
    readonly jobId: string;
    readonly file: string;
    readonly ticket: JobTicket;
}

/** `prefix` keeps the job names of rounds that share a printer apart (the crash test's). */
export function printOrderId(index: number, prefix = 'print'): string {
    return `${prefix}-${String(index).padStart(6, '0')}`;
}

/** What the batch benchmark and crash test change in the print workflow: its name, and steps before Print (a Batch). */
export interface PrintWorkflowOptions {
    readonly name?: string;
    readonly beforePrint?: readonly WorkflowStep[];
}

/**
 * An IPP printer at `uri` and the enabled workflow "Print bench" (Create Job → Print → Retain;
 * `beforePrint` steps at the top of the Print lane), made as an administrator makes them.
 */
export async function createIppPrinterAndWorkflow(container: Container, uri: string, options: PrintWorkflowOptions = {}): Promise<{ printerId: string; workflowId: string }> {
    const store = container.get<DocumentStore>(DocumentStore);
    await store.ready;
    // A shop with its administrator: the first start then creates (and prints) no initial password.
    await store.create(UsersCollection, { ...sampleUser(BENCH_ADMINISTRATOR, 'bench'), authority: 'Administrator' });
    const printer = await container.get(PrinterRegistry).create({
        kind: 'ipp', name: 'Bench IPP printer', description: 'ippeveprinter on loopback', enabled: true, uri
    });
    const workflows = container.get(WorkflowRepository);
    const workflow = await workflows.create({
        name: options.name ?? 'Print bench',
        description: `Create Job, ${[...(options.beforePrint ?? []).map(step => step.activity), 'Print'].join(', ')} to an IPP printer, Retain`,
        phases: {
            Receive: [{ id: 'receive-create-job', activity: ActivityTypes.createJob, properties: {} }],
            Prepare: [],
            Print: [...options.beforePrint ?? [], { id: PRINT_STEP_ID, activity: ActivityTypes.print, properties: { printerId: printer.id } }],
            Complete: [PRINT_RETAIN_STEP]
        }
    }, 'bench');
    await workflows.setEnabled(workflow.id, true, 'bench');
    return { printerId: printer.id, workflowId: workflow.id };
}

/**
 * `jobs` orders of one Received job each, written in the store's own layout (the store is closed),
 * each job's PDF in its folder. Returns what the baseline sends for each.
 */
export async function writePrintJobs(folders: EngineFolders, jobs: number, workflowId: string, prefix?: string): Promise<PrintFixtureJob[]> {
    const orders = Array.from({ length: jobs }, (_, index) => printOrder(printOrderId(index + 1, prefix), index + 1, workflowId));
    const collection = path.join(folders.store, OrdersCollection.name);
    await Promise.all([...new Set(orders.map(order => shardOf(order.id)))].map(shard => fs.mkdir(path.join(collection, shard), { recursive: true })));
    const fixture: PrintFixtureJob[] = [];
    await forEachConcurrently(orders, 16, async (order, index) => {
        const job = order.jobs[0];
        const jobFolder = path.join(folders.jobs, job.id);
        await fs.mkdir(jobFolder, { recursive: true });
        const file = path.join(jobFolder, job.files[0].name);
        await fs.writeFile(file, onePagePdf(`${order.orderNumber} ${job.name}`));
        await fs.writeFile(path.join(collection, shardOf(order.id), `${order.id}.json`), JSON.stringify(order));
        const built = buildTicket({ job, order, stepDefaults: {}, catalog: [] });
        if ('problem' in built) {
            throw new Error(`the fixture's job ${job.id} has no ticket: ${built.problem}`);
        }
        fixture[index] = { orderId: order.id, jobId: job.id, file, ticket: built.ticket };
    });
    return fixture;
}

function printOrder(id: string, index: number, workflowId: string): Order {
    const order = sampleOrder(id, 1);
    const job = order.jobs[0];
    const content = onePagePdf(`${order.orderNumber} ${job.name}`);
    return {
        ...order,
        jobs: [{
            ...job,
            workflowId,
            state: 'Received',
            copies: 1 + index % 3,
            properties: {
                [TicketPropertyNames.sides]: index % 2 ? 'two-sided-long-edge' : 'one-sided',
                [TicketPropertyNames.colorMode]: index % 4 < 2 ? 'color' : 'monochrome'
            },
            files: [{ name: `${job.id}.pdf`, size: content.length }]
        }]
    };
}

/** A valid one-page A4 PDF that says `text` (ASCII), with a correct cross-reference table. */
export function onePagePdf(text: string): Buffer {
    return pdfOfPages(text, 1);
}

/**
 * A valid A4 PDF of `pages` pages, each saying `text` and its page number (ASCII), sharing one
 * font, with a correct cross-reference table.
 */
export function pdfOfPages(text: string, pages: number): Buffer {
    const escaped = text.replace(/[\\()]/g, match => `\\${match}`);
    const streams = Array.from({ length: pages }, (_, page) => `BT /F1 18 Tf 72 760 Td (${escaped}${pages > 1 ? ` page ${page + 1}` : ''}) Tj ET`);
    // Objects: 1 catalog, 2 pages, 3 font, then a page and its content stream for each page.
    const pageObject = (page: number): number => 4 + page * 2;
    const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        `<< /Type /Pages /Kids [${streams.map((_, page) => `${pageObject(page)} 0 R`).join(' ')}] /Count ${pages} >>`,
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        ...streams.flatMap((stream, page) => [
            `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObject(page) + 1} 0 R >>`,
            `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`
        ])
    ];
    let body = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((object, index) => {
        offsets.push(body.length);
        body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    });
    const xref = body.length;
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(offset => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(body, 'latin1');
}
