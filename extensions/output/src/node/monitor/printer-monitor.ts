import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { CollectionNames } from '@presswork/platform/lib/common/collection-names';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { OutputDeviceRegistry } from '@presswork/platform/lib/common/output-device-registry';
import type { Printer } from '@presswork/platform/lib/common/printer-schema';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { withLinkedSignal } from '@presswork/platform/lib/node/linked-signal';
import type { PrinterState } from '../../common/printer-state';
import { PrintingJobs } from '../follow/printing-jobs';
import { PrinterStatesCollection } from '../output-collections';
import { PeriodicService } from '../periodic-service';
import { Observation, printerStateContent, sameForUser, sinceFor } from './printer-state-document';

export const PrinterMonitorOptions = Symbol('PrinterMonitorOptions');
export interface PrinterMonitorOptions {
    /** How often a reachable printer is asked (default 1 s: on loopback or a shop LAN a Get-Printer-Attributes is cheap). */
    readonly intervalMs?: number;
    /** How often a printer that could not be reached is asked again (default 5 s). */
    readonly unreachableIntervalMs?: number;
    /** How long one question may take before the printer counts as unreachable (default 3 s). */
    readonly requestTimeoutMs?: number;
}

interface Watched {
    observation: Observation;
    /** When it is next asked (ms since the epoch). */
    nextAt: number;
    polling?: Promise<void>;
}

/**
 * Watches every enabled printer whose device can describe it (IPP) and keeps output's printer
 * state collection (`printer-states`, one document per printer, by its id) as a user would see
 * it: state, reasons in words, message, media ready, supplies (to the nearest 5 %), reachability
 * and the queue of Presswork jobs at it. A document is written only when one of those changed,
 * never once a poll; the change feed carries each write to every Printers view and the All Jobs
 * pod. A disabled printer is marked (and not asked); a deleted one loses its document. Runs on
 * the leader (with several servers, one watches for all).
 */
@injectable()
export class PrinterMonitor extends PeriodicService {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(OutputDeviceRegistry) protected readonly devices: OutputDeviceRegistry;
    @inject(PrintingJobs) protected readonly printingJobs: PrintingJobs;
    @inject(PrinterMonitorOptions) @optional() protected readonly options: PrinterMonitorOptions | undefined;
    @inject(ILogger) @named('output:PrinterMonitor') protected readonly logger: ILogger;

    protected readonly watched = new Map<string, Watched>();
    /** Per printer, the write under way: writes of one document never overlap. */
    protected readonly writes = new Map<string, Promise<void>>();
    protected readonly serviceName = 'printer monitor';
    /** One server watches the printers for the shop: the leader. */
    protected override readonly leaderOnly = true;

    protected get intervalMs(): number {
        return this.options?.intervalMs ?? 1000;
    }

    protected get unreachableIntervalMs(): number {
        return this.options?.unreachableIntervalMs ?? 5000;
    }

    protected get requestTimeoutMs(): number {
        return this.options?.requestTimeoutMs ?? 3000;
    }

    protected setUp(): void {
        this.printingJobs.open();
        this.toDispose.push({ dispose: () => this.printingJobs.release() });
        this.toDispose.push(this.store.onDidChange(change => {
            if (change.collection === CollectionNames.printers) {
                this.printerChanged(change.id, change.document as Printer | undefined);
            }
        }));
        this.toDispose.push(this.printingJobs.onDidChange(({ printerIds }) => {
            for (const printerId of printerIds) {
                this.write(printerId);
            }
        }));
        // States of printers deleted while Presswork was stopped.
        for (const state of [...this.store.all(PrinterStatesCollection)]) {
            if (!this.store.get(PrintersCollection, state.id)) {
                this.write(state.id);
            }
        }
    }

    /** After a stop: resolves once no question or write is under way. */
    protected async tearDown(): Promise<void> {
        await Promise.all([...this.watched.values()].map(watched => watched.polling));
        await this.idle();
        this.watched.clear();
    }

    /** Resolves when no write is under way: for tests and benchmarks. */
    async idle(): Promise<void> {
        while (this.writes.size) {
            await Promise.all(this.writes.values());
        }
    }

    /** One round: every due printer is asked (in parallel). */
    protected async runRound(): Promise<void> {
        const now = Date.now();
        const polls: Promise<void>[] = [];
        for (const printer of this.store.all(PrintersCollection)) {
            const watched = this.watchedOf(printer.id);
            if (!printer.enabled) {
                if (watched.observation.kind !== 'disabled') {
                    watched.observation = { kind: 'disabled' };
                    this.write(printer.id);
                }
                continue;
            }
            if (watched.nextAt <= now) {
                polls.push(this.pollNow(printer, watched));
            }
        }
        await Promise.all(polls);
    }

    protected watchedOf(printerId: string): Watched {
        let watched = this.watched.get(printerId);
        if (!watched) {
            watched = { observation: { kind: 'unknown' }, nextAt: 0 };
            this.watched.set(printerId, watched);
        }
        return watched;
    }

    /** Asks the printer unless a question to it is under way already. */
    protected pollNow(printer: Printer, watched: Watched): Promise<void> {
        watched.polling ??= this.poll(printer, watched).finally(() => watched.polling = undefined);
        return watched.polling;
    }

    protected async poll(printer: Printer, watched: Watched): Promise<void> {
        const device = this.devices.get(printer.kind);
        let observation: Observation;
        let wait = this.intervalMs;
        if (!device) {
            observation = { kind: 'unreachable', problem: `No installed output device drives printers of kind ${printer.kind}` };
            wait = this.unreachableIntervalMs;
        } else {
            try {
                const description = await withLinkedSignal([this.abort.signal], this.requestTimeoutMs, signal => device.describe(printer, signal));
                observation = description ? { kind: 'described', description } : { kind: 'silent' };
                if (!description) {
                    // The device cannot say: asking it again every second tells nothing new.
                    wait = this.intervalMs * 30;
                }
            } catch (error) {
                if (!this.running) {
                    return;
                }
                observation = { kind: 'unreachable', problem: `${printer.name} cannot be reached: ${messageOf(error)}` };
                wait = this.unreachableIntervalMs;
            }
        }
        if (!this.running) {
            return;
        }
        watched.observation = observation;
        watched.nextAt = Date.now() + wait;
        await this.write(printer.id);
    }

    /** A printer was added, changed (enabled, disabled, its address) or deleted. */
    protected printerChanged(printerId: string, printer: Printer | undefined): void {
        if (!printer) {
            this.watched.delete(printerId);
            this.write(printerId);
            return;
        }
        const watched = this.watchedOf(printerId);
        watched.nextAt = 0;
        if (printer.enabled && watched.observation.kind === 'disabled') {
            watched.observation = { kind: 'unknown' };
        }
        if (!this.running) {
            return;
        }
        if (printer.enabled) {
            // Asked at once rather than at the next round, so that enabling shows its state promptly.
            this.pollNow(printer, watched).catch(error => this.logger.error(`Printer ${printer.name} could not be asked`, error));
        } else {
            watched.observation = { kind: 'disabled' };
            this.write(printerId);
        }
    }

    /** Writes the printer's document (or deletes it with the printer) when a user would see a change; writes of one printer are queued. */
    protected write(printerId: string): Promise<void> {
        const before = this.writes.get(printerId) ?? Promise.resolve();
        const next = before.then(() => this.doWrite(printerId)).catch(error =>
            this.logger.warn(`The state of printer ${printerId} could not be stored: ${messageOf(error)}`));
        this.writes.set(printerId, next);
        next.finally(() => {
            if (this.writes.get(printerId) === next) {
                this.writes.delete(printerId);
            }
        });
        return next;
    }

    protected async doWrite(printerId: string): Promise<void> {
        const current = this.store.get(PrinterStatesCollection, printerId);
        const printer = this.store.get(PrintersCollection, printerId);
        if (!printer) {
            if (current) {
                await this.store.delete(PrinterStatesCollection, printerId, current.version);
            }
            return;
        }
        const observation = this.watched.get(printerId)?.observation ?? (printer.enabled ? { kind: 'unknown' } : { kind: 'disabled' });
        const content = printerStateContent(printer, observation, this.printingJobs.ofPrinter(printerId), current);
        if (sameForUser(content, current)) {
            return;
        }
        const since = sinceFor(content, current, new Date().toISOString());
        if (current) {
            await this.store.update(PrinterStatesCollection, { ...content, since, version: current.version } as PrinterState);
        } else {
            await this.store.create(PrinterStatesCollection, { ...content, since });
        }
    }
}
