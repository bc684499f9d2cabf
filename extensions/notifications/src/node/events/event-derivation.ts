import { setImmediate as yieldToEventLoop, setTimeout as delay } from 'node:timers/promises';
import { inject, injectable, multiInject, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { Disposable } from '@theia/core/lib/common/disposable';
import type { EventSourceContribution } from '@presswork/platform/lib/common/event-source-contribution';
import { EventSourceRegistry } from '@presswork/platform/lib/common/event-source-registry';
import { parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { DocumentChange, StoredDocument } from '@presswork/platform/lib/common/store-protocol';
import { DocumentCollectionContribution, DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import type { DocumentCollection } from '@presswork/platform/lib/node/store/document-store';
import { FileEventJournal } from '../journal/file-event-journal';
import type { JournalEntry } from '../journal/file-event-journal';
import type { SnapshotText, SnapshotTextEntry } from '../journal/journal-record';
import { TimeSlice } from './time-slice';

/** Most changes (or documents) journaled in one line. */
export const CHANGES_PER_RECORD = 500;
/** The longest wait between two tries to journal what the journal refused (a full disk). */
const MAX_RETRY_MS = 30_000;

interface QueuedChange {
    readonly change: DocumentChange;
    readonly sources: readonly EventSourceContribution[];
}

/**
 * Turns committed document changes into events: for each change of a source's collection, the
 * source's snapshot of the document is compared (as JSON text) with the last one journaled, and
 * when they differ, what `derive` returns is journaled together with the new snapshot. The store's
 * writer only queues the change; slices of the queue are derived between turns of the event loop
 * and journaled one after another, so a document's events keep their order.
 *
 * At start (store open, journal replayed) every document is compared the same way with the
 * journal's last snapshot, which journals the events missed while Presswork was down; deleted
 * documents are derived with no next snapshot. A source the journal has never seen (the first
 * start, or an extension installed since) only has its snapshots taken, without events.
 *
 * With several servers only the leader derives; a server becoming the leader starts the same way
 * over the journal as the last leader left it, so a change committed while no server led (or
 * after the last leader's last line) is derived then, once: a snapshot already journaled derives
 * nothing again.
 */
@injectable()
export class EventDerivation {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(EventSourceRegistry) protected readonly sources: EventSourceRegistry;
    @inject(FileEventJournal) protected readonly journal: FileEventJournal;
    @multiInject(DocumentCollectionContribution) @optional() protected readonly collections: DocumentCollectionContribution[] = [];
    @inject(ILogger) @named('notifications:EventDerivation') protected readonly logger: ILogger;

    protected queue: QueuedChange[] = [];
    /** The next change to derive in `queue` (taken from the front without shifting the array each time). */
    protected head = 0;
    protected subscription: Disposable | undefined;
    protected pumping = false;
    protected started = false;
    protected stopped = false;
    /** Versions read by the start-up pass, so that a change queued meanwhile never takes a document back. */
    protected startVersions: Map<string, number> | undefined;
    protected idle: Promise<void> = Promise.resolve();

    /**
     * Listens to the store, then journals what was missed; resolves once that is durable. The
     * changes committed meanwhile are derived after it.
     */
    async start(): Promise<void> {
        // Again after a stop (this server leads again): what was queued then is compared again here.
        this.stopped = false;
        this.started = false;
        this.queue = [];
        this.head = 0;
        this.subscription = this.store.onDidChange(change => this.enqueue(change));
        this.startVersions = new Map();
        for (const source of this.sources.all()) {
            if (this.stopped) {
                return;
            }
            await (this.journal.isBaselined(source.id) ? this.catchUp(source) : this.baseline(source));
        }
        this.started = true;
        if (this.waiting === 0) {
            // Only changes queued during the pass can be behind it.
            this.startVersions = undefined;
        }
        this.schedule();
    }

    stop(): void {
        this.stopped = true;
        this.subscription?.dispose();
    }

    /** Stops and resolves once the line being journaled is durable (nothing is journaled after). */
    async halt(): Promise<void> {
        this.stop();
        await this.idle;
    }

    /** Resolves once every change queued so far is journaled (tests, orderly stop). */
    async whenIdle(): Promise<void> {
        while (this.pumping || (this.started && this.waiting > 0)) {
            await this.idle;
            await yieldToEventLoop();
        }
    }

    protected enqueue(change: DocumentChange): void {
        const sources = this.sources.forCollection(change.collection);
        if (sources.length > 0) {
            this.queue.push({ change, sources });
            this.schedule();
        }
    }

    protected get waiting(): number {
        return this.queue.length - this.head;
    }

    protected takeNext(): QueuedChange {
        const next = this.queue[this.head++];
        if (this.head === this.queue.length) {
            this.queue = [];
            this.head = 0;
        }
        return next;
    }

    protected schedule(): void {
        if (this.started && !this.pumping && this.waiting > 0 && !this.stopped) {
            this.pumping = true;
            this.idle = this.pump();
        }
    }

    /**
     * Derives the queued changes a few milliseconds at a time and journals them up to
     * CHANGES_PER_RECORD at once; the next changes wait for that line to be durable, so they
     * compare with it.
     */
    protected async pump(): Promise<void> {
        try {
            // Never inside the store's write that announced the change; and a burst gathers meanwhile.
            await yieldToEventLoop();
            const slice = new TimeSlice();
            while (this.waiting > 0 && !this.stopped) {
                const pending = new Map<string, SnapshotText>();
                const drafts: PressworkEventDraft[] = [];
                for (let taken = 0; taken < CHANGES_PER_RECORD && this.waiting > 0 && !this.stopped; taken++) {
                    const { change, sources } = this.takeNext();
                    for (const source of sources) {
                        if (!this.isBehindStart(source, change)) {
                            this.compare(source, change.id, change.document, pending, drafts);
                        }
                    }
                    await slice.check();
                }
                await this.journalDurably({ drafts, snapshots: entriesOf(pending) });
            }
            // The start-up pass is behind every change now.
            this.startVersions = undefined;
        } finally {
            this.pumping = false;
        }
    }

    /** A change the start-up pass has seen a later version of (it was queued while that pass ran). */
    protected isBehindStart(source: EventSourceContribution, change: DocumentChange): boolean {
        const seen = this.startVersions?.get(keyOf(source.id, change.id));
        return seen !== undefined && change.version <= seen && change.kind !== 'deleted';
    }

    /**
     * Compares a document's snapshot with the last one (this slice's, else the journal's) and, when
     * they differ, collects the source's events and the new snapshot.
     */
    protected compare(source: EventSourceContribution, documentId: string, document: StoredDocument | undefined,
        pending: Map<string, SnapshotText>, drafts: PressworkEventDraft[]): void {
        const key = keyOf(source.id, documentId);
        const previousText = pending.has(key) ? pending.get(key)! : (this.journal.snapshotOf(source.id, documentId) ?? null);
        let next: unknown;
        try {
            next = document ? source.observe(document) : undefined;
        } catch (error) {
            this.logger.error(`The event source ${source.id} could not take a snapshot of ${source.collection}/${documentId}; its events are left out`, error);
            return;
        }
        const nextText = next === undefined ? null : JSON.stringify(next);
        if (nextText === previousText) {
            return;
        }
        pending.set(key, nextText);
        try {
            const derived = source.derive(previousText === null ? undefined : JSON.parse(previousText), next, document);
            drafts.push(...this.checked(source, derived));
        } catch (error) {
            this.logger.error(`The event source ${source.id} could not derive the events of ${source.collection}/${documentId}; they are left out`, error);
        }
    }

    /** Drafts that match their event; a bad one is named in the log and dropped, never journaled. */
    protected checked(source: EventSourceContribution, drafts: readonly PressworkEventDraft[]): PressworkEventDraft[] {
        const valid: PressworkEventDraft[] = [];
        for (const draft of drafts) {
            try {
                valid.push(parseEventDraft(draft));
            } catch (error) {
                this.logger.error(`The event source ${source.id} derived an invalid ${draft?.name} event (${draft?.id}); it is dropped`, error);
            }
        }
        return valid;
    }

    /** The start-up pass of a known source: every document compared with the journal, then the documents gone since. */
    protected async catchUp(source: EventSourceContribution): Promise<void> {
        const present = new Set<string>();
        let pending = new Map<string, SnapshotText>();
        let drafts: PressworkEventDraft[] = [];
        let count = 0;
        const slice = new TimeSlice();
        for (const document of this.documentsOf(source)) {
            present.add(document.id);
            this.startVersions?.set(keyOf(source.id, document.id), document.version);
            this.compare(source, document.id, document, pending, drafts);
            if (++count % CHANGES_PER_RECORD === 0) {
                await this.journalDurably({ drafts, snapshots: entriesOf(pending) });
                pending = new Map();
                drafts = [];
            }
            await slice.check();
        }
        for (const documentId of [...this.journal.snapshotsOf(source.id).keys()].filter(id => !present.has(id))) {
            this.compare(source, documentId, undefined, pending, drafts);
        }
        await this.journalDurably({ drafts, snapshots: entriesOf(pending) });
        if (drafts.length > 0 || count > 0) {
            this.logger.info(`Event source ${source.id}: ${count} document(s) compared with the journal at start.`);
        }
    }

    /** A source's first snapshots, without events; marked complete with the last slice, so a crash meanwhile starts it again. */
    protected async baseline(source: EventSourceContribution): Promise<void> {
        let snapshots: SnapshotTextEntry[] = [];
        const slice = new TimeSlice();
        for (const document of this.documentsOf(source)) {
            this.startVersions?.set(keyOf(source.id, document.id), document.version);
            try {
                snapshots.push([source.id, document.id, JSON.stringify(source.observe(document))]);
            } catch (error) {
                this.logger.error(`The event source ${source.id} could not take a snapshot of ${source.collection}/${document.id}`, error);
            }
            if (snapshots.length === CHANGES_PER_RECORD) {
                await this.journalDurably({ drafts: [], snapshots });
                snapshots = [];
            }
            await slice.check();
        }
        await this.journalDurably({ drafts: [], snapshots, baselines: [source.id] });
        this.logger.info(`Event source ${source.id}: first snapshots taken (no events for what happened before).`);
    }

    protected *documentsOf(source: EventSourceContribution): IterableIterator<StoredDocument> {
        const collection = this.collectionNamed(source.collection);
        if (collection) {
            // A copy of the ids: the collection may change while the pass yields.
            for (const id of [...this.store.all(collection)].map(document => document.id)) {
                const document = this.store.get(collection, id);
                if (document) {
                    yield document;
                }
            }
        } else {
            this.logger.error(`The event source ${source.id} reads the collection ${source.collection}, which no installed extension keeps.`);
        }
    }

    protected collectionNamed(name: string): DocumentCollection | undefined {
        return this.collections.flatMap(contribution => contribution.collections).find(collection => collection.name === name);
    }

    /**
     * Journals an entry, trying again (with a growing pause) while the journal refuses it: what
     * follows waits, so nothing is lost or reordered, and a restart derives it again anyway.
     */
    protected async journalDurably(entry: JournalEntry): Promise<void> {
        if (entry.drafts.length === 0 && (entry.snapshots ?? []).length === 0 && (entry.baselines ?? []).length === 0) {
            return;
        }
        for (let attempt = 0; ; attempt++) {
            try {
                await this.journal.record(entry);
                return;
            } catch (error) {
                if (this.stopped) {
                    return;
                }
                this.logger.error(`Events could not be journaled (try ${attempt + 1}); trying again`, error);
                await delay(Math.min(MAX_RETRY_MS, 500 * 2 ** attempt));
            }
        }
    }
}

function keyOf(sourceId: string, documentId: string): string {
    return `${sourceId}\0${documentId}`;
}

function entriesOf(pending: ReadonlyMap<string, SnapshotText>): SnapshotTextEntry[] {
    return [...pending].map(([key, snapshot]) => {
        const [source, document] = key.split('\0');
        return [source, document, snapshot] as const;
    });
}
