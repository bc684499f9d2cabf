import * as assert from 'node:assert/strict';
import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';
import { type PressworkEventPayload, parseEventDraft } from '@presswork/platform/lib/common/presswork-events';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { followDerivedDrafts } from '@presswork/platform/lib/node/test/derived-drafts';
import { eventually } from '@presswork/platform/lib/node/test/eventually';
import { inject } from '@presswork/platform/lib/node/test/inject';
import type { PrinterState } from '../../common/printer-state';
import { FollowFixture, pageFor } from '../follow/test/follow-fixture';
import { PrinterStatesCollection } from '../output-collections';
import { ReferencePrinter } from '../test/reference-printer';
import { attentionReasons, needsAttention } from './printer-attention';
import { PrinterEventSource } from './printer-event-source';

const T0 = '2026-12-05T10:00:00.000Z';
const T1 = '2026-12-05T10:01:00.000Z';
const T2 = '2026-12-05T10:02:00.000Z';

function printerState(change: Partial<PrinterState> = {}): PrinterState {
    return { id: 'printer-a', version: 1, reachable: true, state: 'idle', reasons: [], mediaReady: [], supplies: [], queue: [], queueMore: 0, since: T0, ...change };
}

function sourceOver(store: Pick<DocumentStore, 'get'>): PrinterEventSource {
    return inject(new PrinterEventSource(), { store });
}

describe('PrinterEventSource', () => {
    const source = sourceOver({ get: (() => ({ name: 'Versant A', enabled: true })) as DocumentStore['get'] });

    function derive(before: PrinterState | undefined, after: PrinterState | undefined): PressworkEventDraft[] {
        const drafts = source.derive(before && source.observe(before), after && source.observe(after));
        drafts.forEach(draft => parseEventDraft(draft));
        return drafts;
    }

    it('says a printer out of paper while printing needs attention, with the problem in words and its keywords', () => {
        const drafts = derive(printerState(), printerState({ state: 'processing', reasons: ['media-empty-error', 'toner-low-warning'], since: T1 }));
        assert.deepEqual(drafts, [{
            id: `printer.needs-attention:printer-a:${T1}`, name: 'printer.needs-attention', at: T1, subject: 'printer:printer-a',
            payload: { printerId: 'printer-a', printer: 'Versant A', printerState: 'processing', reason: 'out of paper', reasonKeywords: 'media-empty-error, toner-low-warning', since: T1 }
        }]);
    });

    it('names the job the printer is held up on (the one it processes) and how many more wait there', () => {
        const queue = [
            { jobId: 'j-1', orderNumber: 'ORD-1', jobName: 'Flyers', deviceState: 'pending' },
            { jobId: 'j-2', orderNumber: 'ORD-2', jobName: 'Business cards', deviceState: 'processing' }
        ];
        const [draft] = derive(printerState(), printerState({ state: 'processing', reasons: ['media-empty-warning'], queue, queueMore: 1, since: T1 }));
        const payload = draft.payload as PressworkEventPayload<'printer.needs-attention'>;
        assert.deepEqual(
            { orderNumber: payload.orderNumber, jobName: payload.jobName, atPrinter: payload.atPrinter },
            { orderNumber: 'ORD-2', jobName: 'Business cards', atPrinter: 'order ORD-2, Business cards, and 2 more jobs' }
        );
    });

    it('says a stopped printer and one that stopped answering need attention', () => {
        const stopped = derive(printerState(), printerState({ state: 'stopped', reasons: ['paused'], since: T1 }));
        assert.equal(stopped[0].name, 'printer.needs-attention');
        assert.equal((stopped[0].payload as { reason: string }).reason, 'stopped');
        const stoppedWhy = derive(printerState(), printerState({ state: 'stopped', reasons: ['fuser-under-temp-warning'], since: T1 }));
        assert.equal((stoppedWhy[0].payload as { reason: string }).reason, 'stopped: fuser warming up');
        const unreachable = derive(printerState(), printerState({ reachable: false, state: 'unknown', problem: 'Versant A cannot be reached: ECONNREFUSED', since: T1 }));
        assert.equal((unreachable[0].payload as { reason: string }).reason, 'Versant A cannot be reached: ECONNREFUSED');
        assert.equal((unreachable[0].payload as { printerState: string }).printerState, 'unknown');
    });

    it('says nothing for a low supply, a report, a queue that moves, or the same trouble seen again', () => {
        assert.deepEqual(derive(printerState(), printerState({ reasons: ['toner-low-warning', 'media-empty-report'], since: T1 })), []);
        assert.deepEqual(derive(printerState(), printerState({ state: 'processing', queueMore: 3, version: 2 })), []);
        const jammed = printerState({ state: 'processing', reasons: ['media-jam-error'], since: T1 });
        assert.deepEqual(derive(jammed, { ...jammed, version: 2, queueMore: 1 }), []);
        assert.deepEqual(derive(jammed, { ...jammed, reasons: ['media-jam-error', 'toner-low-warning'], since: T2 }), [], 'a warning joining a jam is no new problem');
        assert.deepEqual(derive(jammed, { ...jammed, reasons: ['media-jam-warning'], since: T2 }), [], 'the same jam at another severity');
    });

    it('says it again when a new problem joins the one the printer has, not when one of two goes', () => {
        const empty = printerState({ state: 'processing', reasons: ['media-empty-error'], since: T1 });
        const both = printerState({ state: 'stopped', reasons: ['media-empty-error', 'door-open-error'], since: T2 });
        const drafts = derive(empty, both);
        assert.equal(drafts.length, 1);
        assert.equal(drafts[0].id, `printer.needs-attention:printer-a:${T2}`);
        assert.equal((drafts[0].payload as { reason: string }).reason, 'out of paper and a door is open');
        assert.deepEqual(derive(both, printerState({ state: 'stopped', reasons: ['door-open-error'], since: '2026-12-05T10:03:00.000Z' })), []);
    });

    it('says a printer recovered when it leaves trouble, naming since when it was in trouble', () => {
        const empty = printerState({ state: 'processing', reasons: ['media-empty-error'], since: T1 });
        assert.deepEqual(derive(empty, printerState({ state: 'processing', since: T2 })), [{
            id: `printer.recovered:printer-a:${T2}`, name: 'printer.recovered', at: T2, subject: 'printer:printer-a',
            payload: { printerId: 'printer-a', printer: 'Versant A', printerState: 'processing', troubleSince: T1 }
        }]);
    });

    it('says no recovery when an administrator disables a printer in trouble', () => {
        const disabled = sourceOver({ get: (() => ({ name: 'Versant A', enabled: false })) as DocumentStore['get'] });
        const stopped = printerState({ state: 'stopped', since: T1 });
        const marked = printerState({ state: 'unknown', problem: 'Versant A is disabled: it takes no new jobs and is not watched', since: T2 });
        assert.deepEqual(disabled.derive(source.observe(stopped), disabled.observe(marked)), []);
    });

    it('needs attention for a printer first seen in trouble; nothing for a deleted printer', () => {
        assert.equal(derive(undefined, printerState({ state: 'stopped', since: T1 }))[0]?.name, 'printer.needs-attention');
        assert.deepEqual(derive(undefined, printerState()), []);
        assert.deepEqual(derive(printerState({ state: 'stopped', since: T1 }), undefined), []);
    });

    it('derives the same ids from the same documents (so a replay after a crash finds them journaled)', () => {
        const before = printerState();
        const after = printerState({ state: 'stopped', reasons: ['media-jam-error'], since: T1 });
        assert.deepEqual(derive(before, after), derive(before, after));
        assert.deepEqual(source.observe(after), source.observe({ ...after }));
        assert.deepEqual(JSON.parse(JSON.stringify(source.observe(after))), source.observe(after), 'the snapshot is plain JSON');
    });

    it('names the printer by its id when the printer is gone', () => {
        const orphan = sourceOver({ get: (() => undefined) as DocumentStore['get'] });
        assert.equal(orphan.observe(printerState()).printer, 'printer-a');
    });

    it('counts the attention reasons at error or warning severity, never a report or a low supply', () => {
        assert.deepEqual(attentionReasons(['media-empty-error', 'media-empty-warning', 'toner-low-error', 'cover-open', 'media-jam-report', 'marker-supply-empty-error']),
            ['media-empty-error', 'media-empty-warning', 'cover-open', 'marker-supply-empty-error']);
        assert.equal(needsAttention({ state: 'idle', reachable: true, reasons: ['toner-low-warning'] }), false);
        assert.equal(needsAttention({ state: 'idle', reachable: false, reasons: [] }), true);
    });

    describe('against the reference printer (ippeveprinter) going out of paper', function (): void {
        this.timeout(30_000);
        let reference: ReferencePrinter;

        before(async () => {
            reference = await ReferencePrinter.start();
        });

        after(() => reference?.stop());

        it('needs attention within seconds of the printer reporting out of paper while printing, and recovers when paper is back', async () => {
            const fixture = await FollowFixture.open();
            try {
                const { drafts, names } = followDerivedDrafts(fixture.store, sourceOver(fixture.store));
                const printer = await fixture.addPrinter('printer-r', 'Reference Press', reference.uri);
                // The monitor's own interval (1 s), as the backend runs it.
                await fixture.startMonitor({ intervalMs: 1000 });
                await eventually(() => fixture.store.get(PrinterStatesCollection, 'printer-r') !== undefined, 5000, 'the first state');
                assert.equal(drafts.length, 0, 'an idle printer needs nothing');

                await reference.behave({ raise: { reason: 'media-empty-error', forMs: 2500 } });
                const sent = Date.now();
                await fixture.device.submit(await pageFor(printer, fixture.temp.join('page.pdf')));
                await eventually(() => drafts.some(draft => draft.name === 'printer.needs-attention'), 5000, 'printer.needs-attention');
                const seconds = (Date.now() - sent) / 1000;
                assert.ok(seconds < 5, `needed attention after ${seconds} s`);
                const attention = drafts.find(draft => draft.name === 'printer.needs-attention')!;
                assert.equal(attention.subject, 'printer:printer-r');
                assert.equal((attention.payload as { printer: string }).printer, 'Reference Press');
                assert.equal((attention.payload as { reason: string }).reason, 'out of paper');
                assert.match((attention.payload as { reasonKeywords: string }).reasonKeywords, /^media-empty-(error|warning)$/);

                await eventually(() => drafts.some(draft => draft.name === 'printer.recovered'), 10_000, 'printer.recovered');
                assert.deepEqual(names(), ['printer.needs-attention', 'printer.recovered'], 'once each');
                assert.equal((drafts[1].payload as { troubleSince: string }).troubleSince, (attention.payload as { since: string }).since);
            } finally {
                await fixture.dispose();
            }
        });
    });
});
