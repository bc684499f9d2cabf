import { availableParallelism } from 'node:os';
import type { ReceivedOrder } from '@presswork/platform/lib/common';
import type { ExchangeResponse } from './http-exchange';
import { MarcomCentralError } from './marcomcentral-error';
import { OrdersAnswer, OrdersAnswerTask, OrdersSlice, raisedError } from './orders-answer';
import type { ReceivedOrdersSink } from '../intake/received-digests';
import type { KnownOrders, OrdersResult } from './orders-response';
import { WorkerFailureError, WorkerPool, workerScriptFile } from '@presswork/platform/lib/node/worker-pool';

/** The worker's file name, beside this module in the compiled package. */
export const ORDERS_WORKER_FILE = 'orders-answer-worker.js';
/**
 * A worker's heap limit. The largest answer read whole is 20 MB, which takes well under this to
 * parse and map; an answer built to take more (deep or wide hostile XML) ends its worker, not the server.
 */
export const ORDERS_WORKER_HEAP_MB = 512;

/** The worker's script (platform's workerScriptFile). */
export function ordersWorkerFile(): string {
    return workerScriptFile(__dirname, ORDERS_WORKER_FILE, () => require.resolve(`@presswork/connections/lib/node/marcomcentral/${ORDERS_WORKER_FILE}`));
}

/** An answer as the parser takes it: the body whole, or in blocks of their own (readBlocksWithLimit), handed over without a copy. */
export interface OrdersAnswerBytes extends Omit<ExchangeResponse, 'body'> {
    readonly body: Buffer | readonly Uint8Array<ArrayBuffer>[];
}

/**
 * Reads MarcomCentral's answers with orders off the main thread: the body's bytes go to a worker of
 * the pool, which parses, maps, validates and recognises known orders, and hands the validated
 * orders back in slices as it reads them, each slice taken here in a short turn of its own. With a
 * sink, each slice goes on to it at once (the first orders are written while the worker reads the
 * rest); without one, they are gathered into the result.
 */
export class OrdersParser {
    constructor(protected readonly pool: WorkerPool<OrdersAnswerTask, OrdersAnswer, OrdersSlice>) { }

    /**
     * With a sink, an answer that fails after some of its orders were handed to it (the worker dies)
     * still fails: those orders are valid ones, and taking them again later is a harmless duplicate.
     */
    async read(response: OrdersAnswerBytes, operation: string, timeZone: string, secret?: string, known?: KnownOrders, take?: ReceivedOrdersSink): Promise<OrdersResult> {
        const body = Buffer.isBuffer(response.body) ? [transferable(response.body)] : response.body;
        const task: OrdersAnswerTask = {
            operation, status: response.status, statusText: response.statusText, contentType: response.contentType, body, timeZone, secret,
            known: known ? [...known] : undefined
        };
        const orders: ReceivedOrder[] = [];
        const digests = new Map<string, string>();
        const gather: ReceivedOrdersSink = (slice, sliceDigests) => {
            orders.push(...slice);
            sliceDigests.forEach((digest, marcomOrderId) => digests.set(marcomOrderId, digest));
        };
        const sink = take ?? gather;
        let answer: OrdersAnswer;
        try {
            answer = await this.pool.run(task, body.map(piece => piece.buffer), slice => sink(JSON.parse(slice.orders) as ReceivedOrder[], new Map(slice.digests ?? [])));
        } catch (error) {
            throw workerFailure(error, operation);
        }
        if (!answer.ok) {
            throw raisedError(answer.error);
        }
        return known
            ? { orders, rejected: answer.rejected, unchanged: answer.unchanged ?? [], digests }
            : { orders, rejected: answer.rejected };
    }

    /** Starts a worker now, so that the first answer is read without waiting for one to start. */
    warm(): void {
        this.pool.warm();
    }

    close(): Promise<void> {
        return this.pool.close();
    }
}

let shared: OrdersParser | undefined;

/** The process's parser: one small pool for every client (workers start on first use and never hold the process open). */
export function sharedOrdersParser(): OrdersParser {
    shared ??= new OrdersParser(new WorkerPool({
        file: ordersWorkerFile(),
        size: Math.max(1, Math.min(2, availableParallelism() - 1)),
        maxOldGenerationSizeMb: ORDERS_WORKER_HEAP_MB
    }));
    return shared;
}

/** The body's bytes in an ArrayBuffer of their own, so it can be handed to the worker without copying a shared pool. */
function transferable(body: Buffer): Uint8Array<ArrayBuffer> {
    if (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer) {
        return new Uint8Array(body.buffer, 0, body.byteLength);
    }
    return new Uint8Array(body);
}

function workerFailure(error: unknown, operation: string): Error {
    if (!(error instanceof WorkerFailureError)) {
        return error instanceof Error ? error : new Error(String(error));
    }
    if (error.reason === 'out-of-memory') {
        return new MarcomCentralError('bad-response',
            `MarcomCentral's answer to ${operation} could not be read: ${error.message} while reading it. No real answer needs that much, `
            + 'so this one is broken or hostile; the poll is retried, and if it keeps failing, ask the store about the orders of this window',
            { operation, cause: error });
    }
    return new Error(`The reader of MarcomCentral's answer to ${operation} failed: ${error.message}. The poll is retried`, { cause: error });
}
