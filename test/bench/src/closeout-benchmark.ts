import * as path from 'node:path';
import { OrderInput, OrderView, RunningSimulator, startSimulator } from '@presswork/marcomcentral-simulator';
import { MarcomCentralClient, MarcomCentralEndpoint } from '@presswork/connections/lib/node/marcomcentral';
import { MarcomCentralConnectionType } from '@presswork/connections/lib/node/marcomcentral-connection-type';
import { ConnectionsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { CloseoutCollectionNames } from '@presswork/closeout/lib/common/closeout-collections';
import { CloseoutInput, CloseoutPart } from '@presswork/closeout/lib/common/closeout-protocol';
import type { CloseoutDocument } from '@presswork/closeout/lib/node/closeout-collections';
import { inject } from '@presswork/platform/lib/node/test/inject';
import type { CloseoutFixture } from '@presswork/closeout/lib/node/test/closeout-fixture';
import { addWaitingOrder, openWithEngine, releasedJobByJob, watchRelease } from '@presswork/closeout/lib/node/test/engine-release';
import type { WorkflowEngine } from '@presswork/workflow/lib/node/engine/workflow-engine';
import { TargetCheck, check } from './results';
import { percentile } from './statistics';

/**
 * Closeout of an order of 50 line items, end to end through the backend (CloseoutRunner with the
 * real connection type and SOAP client, a durable file store, PDFs, audit, job release by the
 * workflow engine) against the simulator on loopback. The baseline, measured in the same run and
 * interleaved with it, is the same three requests sent directly with the client for another order
 * of the same shape. The release of the order's 50 jobs (one write of the order) is timed beside the
 * release as it was, one engine write a job, of a copy of the order in the same run.
 */

const LINES = 50;
const RUNS = 15;
const WARM_UP_RUNS = 3;
const STORE_NOW = '2026-11-26T08:00:00-08:00';
/** Printable SKUs only: stocked ones would run out of stock over the runs. */
const SKUS = ['13933967', '13933968', '15302443', '15302450', '13933980'];
const PARTS: readonly CloseoutPart[] = ['packingSlip', 'invoice', 'settlement'];

const TARGETS = { backendToRawRoundTrips: 3 };

export interface CloseoutRun {
    /**
 * Per part: the raw SOAP round trip, or the backend's time from the previous part's durable record
 * to this one's (the last part is recorded with the attempt's end, after the order's closing write).
 */
    readonly parts: Readonly<Record<CloseoutPart, number>>;
    readonly totalMillis: number;
    /** Backend only: documents rendered and jobs released after closeOut answered. */
    readonly followUpMillis?: number;
    /** Backend only: the order's jobs released, after closeOut answered (0 when before) and after the closing write. */
    readonly release?: { readonly afterAnswerMillis: number; readonly afterCloseMillis: number; readonly baselineMillis: number };
}

export interface CloseoutResults {
    readonly startedAt: string;
    readonly lines: number;
    readonly runs: number;
    readonly raw: { readonly median: Readonly<Record<CloseoutPart, number>>; readonly sumMedian: number; readonly runs: readonly CloseoutRun[] };
    readonly backend: {
        readonly median: Readonly<Record<CloseoutPart, number>>; readonly totalMedian: number; readonly closeMedian: number; readonly followUpMedian: number;
        readonly release: { readonly afterAnswerMedian: number; readonly afterCloseMedian: number; readonly baselineMedian: number };
        readonly runs: readonly CloseoutRun[];
    };
    readonly ratio: number;
    readonly checks: readonly TargetCheck[];
}

function fiftyLineOrder(): OrderInput {
    return { User: { LoginID: 'plee' }, OrderDetails: Array.from({ length: LINES }, (_, index) => ({ SKU: SKUS[index % SKUS.length], Quantity: 100 + index })) };
}

function numbers(orderNumber: string): CloseoutInput {
    return {
        packingSlip: { packingSlipNumber: `PS-${orderNumber}`, shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: `1Z-${orderNumber}` },
        invoice: { invoiceNumber: `INV-${orderNumber}`, invoiceDate: '2026-11-26' }
    };
}

async function rawRun(simulator: RunningSimulator, client: MarcomCentralClient, endpoint: MarcomCentralEndpoint): Promise<CloseoutRun> {
    const order = await simulator.placeOrder(fiftyLineOrder());
    const input = numbers(order.OrderNumber);
    const lineItemIds = order.OrderDetails.map(line => line.ID);
    const timed = async (work: () => Promise<{ code: number }>): Promise<number> => {
        const start = performance.now();
        const result = await work();
        if (result.code !== 1) {
            throw new Error(`the raw closeout of ${order.OrderNumber} answered code ${result.code}`);
        }
        return performance.now() - start;
    };
    const packingSlip = await timed(() => client.createPackingSlipByOrder(endpoint, {
        orderId: order.ID, packingSlipNumber: input.packingSlip.packingSlipNumber, shipDate: '2026-11-26T12:00:00.000Z',
        carrierName: 'UPS', trackingNumber: input.packingSlip.trackingNumber, skipAdjustInventory: false
    }));
    const invoice = await timed(() => client.createInvoiceByLineItem(endpoint, { invoiceNumber: input.invoice.invoiceNumber, invoiceDate: '2026-11-26T12:00:00.000Z', lineItemIds }));
    const settlement = await timed(() => client.settleByOrder(endpoint, { orderId: order.ID, settleOnline: true }));
    return { parts: { packingSlip, invoice, settlement }, totalMillis: packingSlip + invoice + settlement };
}

async function backendRun(simulator: RunningSimulator, backend: { fixture: CloseoutFixture; engine: WorkflowEngine }, type: MarcomCentralConnectionType, index: number): Promise<CloseoutRun> {
    const { fixture, engine } = backend;
    const placed: OrderView = await simulator.placeOrder(fiftyLineOrder());
    const fetched = await type.fetchOrder(fixture.connection, placed.OrderNumber);
    const id = `bench-${index}`;
    await addWaitingOrder(fixture, fetched.orders[0], id);
    // The baseline's copy: its jobs wait at the same step, its order is never closed out.
    const copy = `${id}-copy`;
    await addWaitingOrder(fixture, { ...fetched.orders[0], marcomOrderId: `${fetched.orders[0].marcomOrderId}-copy`, orderNumber: `${placed.OrderNumber}-copy` }, copy);
    const released = watchRelease(fixture.store, id);
    // When each part's answer became durable: the store announces every committed write.
    const recorded = new Map<CloseoutPart, number>();
    const subscription = fixture.store.onDidChange(change => {
        if (change.collection === CloseoutCollectionNames.closeouts && change.id === id && change.document) {
            const parts = (change.document as CloseoutDocument).parts;
            for (const part of PARTS) {
                if (parts[part].status === 'done' && !recorded.has(part)) {
                    recorded.set(part, performance.now());
                }
            }
        }
    });
    try {
        const start = performance.now();
        const progress = await fixture.runner.closeOut(id, numbers(placed.OrderNumber), 'bench');
        const end = performance.now();
        // Documents and the release of the 50 jobs (one write of the order) follow the reply; timed apart.
        await fixture.runner.idle();
        const followUp = performance.now() - end;
        if (!progress.closed || simulator.order(placed.ID)!.CaptureCount !== 1) {
            throw new Error(`the backend did not close ${placed.OrderNumber} out: ${JSON.stringify(progress.parts)}`);
        }
        const { closedAt, releasedAt } = await released;
        await engine.idle();
        const baselineMillis = await releasedJobByJob(engine, fixture.store, copy, 'bench');
        const at = PARTS.map(part => recorded.get(part)!);
        return {
            parts: { packingSlip: at[0] - start, invoice: at[1] - at[0], settlement: at[2] - at[1] },
            totalMillis: end - start,
            followUpMillis: followUp,
            release: { afterAnswerMillis: Math.max(0, releasedAt - end), afterCloseMillis: releasedAt - closedAt, baselineMillis }
        };
    } finally {
        subscription.dispose();
    }
}

function median(values: readonly number[]): number {
    return percentile([...values].sort((a, b) => a - b), 50);
}

function medians(runs: readonly CloseoutRun[]): Record<CloseoutPart, number> {
    return { packingSlip: median(runs.map(run => run.parts.packingSlip)), invoice: median(runs.map(run => run.parts.invoice)), settlement: median(runs.map(run => run.parts.settlement)) };
}

export async function runCloseoutBenchmark(workFolder: string, progress: (message: string) => void): Promise<CloseoutResults> {
    const startedAt = new Date().toISOString();
    const simulator = await startSimulator({ host: '127.0.0.1', port: 0, now: STORE_NOW });
    const type = new MarcomCentralConnectionType();
    const backendParts = await openWithEngine({ connectionType: type, folder: path.join(workFolder, 'closeout') });
    const { fixture } = backendParts;
    try {
        const client = new MarcomCentralClient();
        inject(type, { secrets: fixture.secrets, client });
        await fixture.store.modify(ConnectionsCollection, 'conn-1', connection => ({
            ...connection, endpointUrl: simulator.url, orderToken: fixture.secrets.seal(simulator.orderToken), closeoutToken: fixture.secrets.seal(simulator.closeoutToken)
        }));
        const endpoint: MarcomCentralEndpoint = { url: simulator.url, token: simulator.closeoutToken, timeZone: simulator.timeZone };
        const raw: CloseoutRun[] = [];
        const backend: CloseoutRun[] = [];
        for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
            progress(`closeout of a ${LINES}-line order, ${run < WARM_UP_RUNS ? 'warm-up' : 'run'} ${run < WARM_UP_RUNS ? run + 1 : run - WARM_UP_RUNS + 1}`);
            // Alternating who goes first keeps a "first after a pause" effect off either side.
            const pair = run % 2 === 0
                ? [await rawRun(simulator, client, endpoint), await backendRun(simulator, backendParts, type, run)]
                : [await backendRun(simulator, backendParts, type, run), await rawRun(simulator, client, endpoint)].reverse();
            if (run >= WARM_UP_RUNS) {
                raw.push(pair[0]);
                backend.push(pair[1]);
            }
        }
        const sumMedian = median(raw.map(run => run.totalMillis));
        const totalMedian = median(backend.map(run => run.totalMillis));
        const partMedians = medians(backend);
        const ratio = totalMedian / sumMedian;
        const releases = backend.map(run => run.release!);
        return {
            startedAt,
            lines: LINES,
            runs: RUNS,
            raw: { median: medians(raw), sumMedian, runs: raw },
            backend: {
                median: partMedians, totalMedian, runs: backend,
                closeMedian: median(backend.map(run => run.totalMillis - run.parts.packingSlip - run.parts.invoice - run.parts.settlement)),
                followUpMedian: median(backend.map(run => run.followUpMillis ?? 0)),
                release: {
                    afterAnswerMedian: median(releases.map(release => release.afterAnswerMillis)),
                    afterCloseMedian: median(releases.map(release => release.afterCloseMillis)),
                    baselineMedian: median(releases.map(release => release.baselineMillis))
                }
            },
            ratio,
            checks: [check('closeout of a 50-line order / its raw SOAP round trips', ratio, TARGETS.backendToRawRoundTrips, '×')]
        };
    } finally {
        await backendParts.engine.stop();
        await fixture.remove();
        await simulator.close();
    }
}

export function formatCloseoutReport(results: CloseoutResults): string {
    const ms = (value: number): string => value.toFixed(1).padStart(8);
    const release = results.backend.release;
    const row = (label: string, raw: string, backend: string): string => `  ${label.padEnd(52)}${raw.padStart(10)}${backend.padStart(12)}`;
    const labels: Record<CloseoutPart, string> = {
        packingSlip: 'packing slip (CreatePackingSlipByOrder), lock taken',
        invoice: 'invoice (CreateInvoiceByLineItem, every line)',
        settlement: 'settlement (SettleByOrder) + order closed (one write)'
    };
    return [
        `Closeout: an order of ${results.lines} line items against the simulator on loopback (median of ${results.runs} runs of each, interleaved), ms`,
        row('', 'raw SOAP', 'backend'),
        ...PARTS.map(part => row(labels[part], ms(results.raw.median[part]), ms(results.backend.median[part]))),
        row('lock released, reply', '', ms(results.backend.closeMedian)),
        row('total: closeOut until it answers', ms(results.raw.sumMedian), ms(results.backend.totalMedian)),
        row('after the answer: 2 PDFs, 50 jobs released (engine)', '', ms(results.backend.followUpMedian)),
        `  ${results.lines}-job order released after closeOut: ${release.afterAnswerMedian.toFixed(1)} ms ` +
        `(${release.afterCloseMedian.toFixed(1)} ms after the closing write; baseline: one write per job ${release.baselineMedian.toFixed(1)} ms)`,
        `  backend / raw round trips: ${results.ratio.toFixed(2)} × (target ≤ ${TARGETS.backendToRawRoundTrips} ×)`,
        ...results.checks.map(item => `  ${item.name}: ${item.actual.toFixed(2)} ${item.unit} (limit ${item.limit}) ${item.met ? 'met' : 'MISSED'}`),
        ''
    ].join('\n');
}
