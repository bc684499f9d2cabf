import * as net from 'node:net';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { injectable } from '@theia/core/shared/inversify';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { PrinterTransportError } from './printer-transport-error';

export interface RawSocketDelivery {
    readonly file: string;
    /** Bytes sent before the file (a PJL header with the ticket). */
    readonly prologue?: Uint8Array;
    /** Bytes sent after the file (the PJL end of job). */
    readonly epilogue?: Uint8Array;
    readonly host: string;
    readonly port: number;
    readonly signal: AbortSignal;
    /** Called once connected, before the bytes flow (the job shows Printing). */
    readonly onSending?: () => Promise<void>;
}

export interface RawSocketReceipt {
    /** Every byte sent: prologue, file and epilogue. */
    readonly bytes: number;
    /** Whether the printer closed its side after the last byte, its sign that it read everything. */
    readonly closedByPrinter: boolean;
}

/**
 * Sends a print file over a raw TCP connection (JetDirect, usually port 9100): connect, stream the
 * prologue (a PJL header), the file and the epilogue with back-pressure, end, then wait for the printer to close its side. Connection refused,
 * unreachable, dropped or stalled are PrinterTransportErrors, so the job can wait and try again.
 */
@injectable()
export class RawSocketSender {
    connectTimeoutMs = 15_000;
    /** No progress for this long means the printer stopped reading. */
    idleTimeoutMs = 120_000;
    /** After the last byte, how long the printer may take to close its side. */
    closeTimeoutMs = 60_000;

    async send(delivery: RawSocketDelivery): Promise<RawSocketReceipt> {
        delivery.signal.throwIfAborted();
        const socket = await this.connect(delivery);
        try {
            // Anything the printer sends back (status bytes) is read and dropped, so its end of stream is seen.
            socket.on('error', () => undefined);
            socket.resume();
            await delivery.onSending?.();
            await this.stream(socket, delivery);
            const bytes = socket.bytesWritten;
            const closedByPrinter = await this.closed(socket, delivery.signal);
            return { bytes, closedByPrinter };
        } finally {
            socket.destroy();
        }
    }

    protected connect(delivery: RawSocketDelivery): Promise<net.Socket> {
        return new Promise((resolve, reject) => {
            const socket = net.connect({ host: delivery.host, port: delivery.port });
            const settle = (error?: unknown): void => {
                clearTimeout(timer);
                delivery.signal.removeEventListener('abort', onAbort);
                socket.off('error', onError);
                socket.off('connect', onConnect);
                if (error) {
                    socket.destroy();
                    reject(error);
                } else {
                    resolve(socket);
                }
            };
            const onAbort = (): void => settle(delivery.signal.reason);
            const onError = (error: NodeJS.ErrnoException): void =>
                settle(new PrinterTransportError(error.code === 'ECONNREFUSED' ? 'refused' : 'unreachable', error.message));
            const onConnect = (): void => settle();
            const timer = setTimeout(() => settle(new PrinterTransportError('unreachable',
                `no connection to ${delivery.host}:${delivery.port} within ${seconds(this.connectTimeoutMs)} s`)), this.connectTimeoutMs);
            delivery.signal.addEventListener('abort', onAbort, { once: true });
            socket.once('error', onError);
            socket.once('connect', onConnect);
        });
    }

    protected async stream(socket: net.Socket, delivery: RawSocketDelivery): Promise<void> {
        let stalled = false;
        socket.setTimeout(this.idleTimeoutMs, () => {
            stalled = true;
            socket.destroy();
        });
        try {
            await pipeline(framed(delivery), socket, { signal: delivery.signal });
        } catch (error) {
            if (delivery.signal.aborted) {
                throw delivery.signal.reason;
            }
            if ((error as NodeJS.ErrnoException).path === delivery.file) {
                // The print file itself is unreadable: retrying the printer cannot help.
                throw error;
            }
            throw stalled
                ? new PrinterTransportError('timed-out', `the printer took no data for ${seconds(this.idleTimeoutMs)} s`)
                : new PrinterTransportError('dropped', messageOf(error));
        } finally {
            socket.setTimeout(0);
        }
    }

    /** Resolves true when the printer closes its side, false when it keeps the connection open too long. */
    protected closed(socket: net.Socket, signal: AbortSignal): Promise<boolean> {
        if (socket.closed) {
            return Promise.resolve(true);
        }
        return new Promise((resolve, reject) => {
            const settle = (closedByPrinter: boolean | undefined): void => {
                clearTimeout(timer);
                signal.removeEventListener('abort', onAbort);
                socket.off('close', onClose);
                if (closedByPrinter === undefined) {
                    reject(signal.reason);
                } else {
                    resolve(closedByPrinter);
                }
            };
            const onClose = (): void => settle(true);
            const onAbort = (): void => settle(undefined);
            const timer = setTimeout(() => settle(false), this.closeTimeoutMs);
            socket.once('close', onClose);
            signal.addEventListener('abort', onAbort, { once: true });
        });
    }
}

/** The file's bytes between the prologue and the epilogue, read with back-pressure. */
async function* framed(delivery: RawSocketDelivery): AsyncGenerator<Uint8Array> {
    if (delivery.prologue?.length) {
        yield delivery.prologue;
    }
    yield* createReadStream(delivery.file);
    if (delivery.epilogue?.length) {
        yield delivery.epilogue;
    }
}

function seconds(ms: number): number {
    return Math.round(ms / 1000);
}
