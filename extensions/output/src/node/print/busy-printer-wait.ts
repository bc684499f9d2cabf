import { PrinterTransportError } from '../printers/printer-transport-error';

/** How one job keeps asking a printer that takes one job at a time, while it prints another. */
export interface BusyWaitOptions {
    /** How often the printer is asked again. */
    readonly pollMs: number;
    /** How long one job keeps asking before it gives its engine slot back and waits like the others. */
    readonly holdMs: number;
}

/**
 * A printer that takes one job at a time (IPP server-error-busy while it prints) would otherwise
 * be asked again only when some waiting job's retry timer fires, leaving it idle between jobs.
 * So one job per printer (the first to meet it busy) keeps asking every `pollMs` and sends the
 * moment the printer is free; every other job bound for that printer waits without asking, as it
 * would find it busy anyway. The one asking holds a single engine slot for at most `holdMs`.
 */
export class BusyPrinterWait {
    protected readonly asking = new Set<string>();

    constructor(protected readonly options: BusyWaitOptions) { }

    /**
     * Runs `submit`; when the printer answers busy and no other job is already asking it, asks
     * again until it takes the job, fails otherwise, or `holdMs` passes (then the busy error is
     * thrown, and the job waits as before). A busy printer another job is asking is not asked.
     */
    async submit<T>(printerId: string, submit: () => Promise<T>, signal: AbortSignal): Promise<T> {
        if (this.asking.has(printerId)) {
            throw new PrinterTransportError('busy', 'another job is waiting for it to be free');
        }
        try {
            return await submit();
        } catch (error) {
            if (!isBusy(error) || this.asking.has(printerId)) {
                throw error;
            }
            this.asking.add(printerId);
            try {
                return await this.askUntilFree(submit, signal, error);
            } finally {
                this.asking.delete(printerId);
            }
        }
    }

    protected async askUntilFree<T>(submit: () => Promise<T>, signal: AbortSignal, busy: unknown): Promise<T> {
        const until = Date.now() + this.options.holdMs;
        let last = busy;
        while (Date.now() < until) {
            await pause(this.options.pollMs, signal);
            try {
                return await submit();
            } catch (error) {
                if (!isBusy(error)) {
                    throw error;
                }
                last = error;
            }
        }
        throw last;
    }
}

function isBusy(error: unknown): boolean {
    return error instanceof PrinterTransportError && error.problem === 'busy';
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = (): void => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
    });
}
