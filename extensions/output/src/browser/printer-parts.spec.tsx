import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PrinterState } from '../common/printer-state';
import type { Medium } from '../common/tickets/media-catalog';
import { PrinterMediaList, catalogMediumOf, readyMediumText } from './printer-media-list';
import { PrinterQueueList, queuedJobProgress } from './printer-queue-list';
import { PrinterStateBadge, printerStatusWords } from './printer-state-badge';
import { PrinterSuppliesList, supplyLevelText } from './printer-supplies-list';
import { PrinterTestContent } from './printer-test-content';

const NOW = new Date('2026-12-05T16:30:00.000Z');

function state(fields: Partial<PrinterState> = {}): PrinterState {
    return {
        id: 'printer-a', version: 1, reachable: true, state: 'idle', reasons: [], mediaReady: [], supplies: [], queue: [], queueMore: 0,
        since: '2026-12-05T16:02:00.000Z', ...fields
    };
}

/** The text a person reads (tags dropped, entities decoded). */
function text(element: React.ReactElement): string {
    return renderToStaticMarkup(element).replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&#x27;/g, '\'');
}

describe('Printers view parts', () => {

    describe('the state badge', () => {
        it('says the state in a word, its reasons in words, and since when', () => {
            const stopped = printerStatusWords(state({ state: 'stopped', reasons: ['media-empty-error'], reasonsInWords: 'out of paper' }), true, NOW);
            assert.deepEqual([stopped.label, stopped.detail, stopped.severity], ['Stopped', 'out of paper', 'error']);
            assert.match(stopped.since!, /^since /);
            const printing = printerStatusWords(state({ state: 'processing' }), true, NOW);
            assert.deepEqual([printing.label, printing.detail, printing.severity], ['Printing', undefined, 'busy']);
            const lowToner = printerStatusWords(state({ reasons: ['toner-low-report'] }), true, NOW);
            assert.deepEqual([lowToner.label, lowToner.detail, lowToner.severity], ['Idle', 'toner low', 'warning'], 'reasons without words are put in words here');
        });

        it('says why an unreachable printer could not be asked', () => {
            const words = printerStatusWords(state({ reachable: false, state: 'unknown', problem: 'connection refused' }), true, NOW);
            assert.deepEqual([words.label, words.detail, words.severity], ['Unreachable', 'connection refused', 'error']);
            assert.equal(printerStatusWords(state({ reachable: false, state: 'unknown' }), true, NOW).detail, 'the printer does not answer');
        });

        it('tells a printer not asked yet from one that reports nothing', () => {
            assert.equal(printerStatusWords(undefined, true).label, 'Not checked yet');
            assert.equal(printerStatusWords(undefined, false).label, 'Reports no state');
        });

        it('renders words, the icon hidden from screen readers', () => {
            const markup = renderToStaticMarkup(<PrinterStateBadge state={state({ state: 'stopped', reasons: ['media-empty-error'], reasonsInWords: 'out of paper' })} reportsState={true} now={NOW} />);
            assert.match(markup, /<span class="codicon codicon-error" aria-hidden="true"><\/span>/);
            assert.match(text(<PrinterStateBadge state={state({ state: 'stopped', reasons: ['media-empty-error'], reasonsInWords: 'out of paper' })} reportsState={true} now={NOW} />), /^Stopped: out of papersince /);
        });
    });

    describe('the queue', () => {
        it('lists each job by order number and name, with the printer\'s job id and its progress', () => {
            const queue = [
                { jobId: 'j1', orderNumber: 'MC-1001', jobName: 'Business cards', deviceJobId: 12, deviceState: 'processing', impressionsCompleted: 120 },
                { jobId: 'j2', orderNumber: 'MC-1002', jobName: 'Flyers' }
            ];
            const shown = text(<PrinterQueueList printerName='Printer A' queue={queue} more={3} />);
            assert.match(shown, /MC-1001 · Business cards · printer job 12printing, 120 impressions done/);
            assert.match(shown, /MC-1002 · Flyersbeing sent/);
            assert.match(shown, /and 3 more$/);
            assert.match(renderToStaticMarkup(<PrinterQueueList printerName='Printer A' queue={queue} more={0} />), /<ol class="presswork-printer-list" aria-label="Queue of Printer A">/);
        });

        it('says where a job stands at the printer in words', () => {
            const job = { jobId: 'j1', orderNumber: '1', jobName: 'A', deviceJobId: 3 };
            assert.equal(queuedJobProgress({ ...job, deviceState: 'processing-stopped', sheetsCompleted: 4 }), 'stopped at the printer, 4 sheets done');
            assert.equal(queuedJobProgress({ ...job, deviceState: 'pending' }), 'waiting at the printer');
            assert.equal(queuedJobProgress(job), 'accepted by the printer');
        });

        it('says so when empty', () => {
            assert.equal(text(<PrinterQueueList printerName='Printer A' queue={[]} more={0} />), 'No jobs');
        });
    });

    describe('the media ready', () => {
        const catalog: Medium[] = [{ id: 'm1', version: 1, name: 'House card', sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 300 }];

        it('describes each loaded medium in words, with its tray', () => {
            assert.equal(readyMediumText({ sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 300, color: 'white', source: 'tray-1' }), 'A4 (210 × 297 mm), Cardstock, 300 g/m², white (tray 1)');
            assert.equal(readyMediumText({ widthHmm: 21000, heightHmm: 29700 }), 'A4 (210 × 297 mm)', 'a size given only in hundredths of a millimetre gets its name');
            assert.equal(readyMediumText({ widthHmm: 33000, heightHmm: 48800, type: 'custom-gloss' }), '330 × 488 mm, custom gloss');
        });

        it('names a loaded medium after the catalog medium it is', () => {
            assert.equal(catalogMediumOf({ sizeName: 'iso_a4_210x297mm', type: 'cardstock', weightGsm: 300 }, catalog)?.name, 'House card');
            assert.equal(catalogMediumOf({ sizeName: 'iso_a4_210x297mm', type: 'stationery' }, catalog), undefined);
            assert.match(text(<PrinterMediaList printerName='Printer A' media={[{ sizeName: 'iso_a4_210x297mm', type: 'cardstock' }]} catalog={catalog} />), /^House card: A4/);
            assert.equal(text(<PrinterMediaList printerName='Printer A' media={[]} catalog={catalog} />), 'None reported');
        });
    });

    describe('the supplies', () => {
        it('shows each level as a bar hidden from screen readers beside the level in words', () => {
            const markup = renderToStaticMarkup(<PrinterSuppliesList printerName='Printer A' supplies={[{ name: 'Black toner', percent: 40 }, { name: 'Cyan toner', percent: 8 }, { name: 'Waste toner' }]} />);
            assert.match(markup, /<span class="presswork-supply-bar" aria-hidden="true"><span style="width:40%"><\/span><\/span>/);
            assert.equal(text(<PrinterSuppliesList printerName='Printer A' supplies={[{ name: 'Black toner', percent: 40 }, { name: 'Cyan toner', percent: 8 }, { name: 'Waste toner' }]} />),
                'Black toner 40 %Cyan toner low: 8 %Waste toner level not reported');
            assert.match(markup, /<li class="presswork-supply-low">/);
        });

        it('rounds levels', () => {
            assert.equal(supplyLevelText({ name: 'x', percent: 55.6 }), '56 %');
        });
    });

    describe('the test result', () => {
        it('shows make and model, what the printer says, the media ready and the test page', () => {
            const shown = text(<PrinterTestContent printerName='Printer A' media={[{ sizeName: 'na_letter_8.5x11in', type: 'stationery' }]} catalog={[]}
                result={{ ok: true, summary: 'Printer A answers: idle, ready.', makeAndModel: 'Example Printer 9000', reasonsInWords: 'toner low', testPageJobId: 7 }} />);
            assert.match(shown, /Printer A answers: idle, ready\./);
            assert.match(shown, /Make and modelExample Printer 9000/);
            assert.match(shown, /Printer saystoner low/);
            assert.match(shown, /Media readyLetter \(8\.5 × 11 in\), Plain paper/);
            assert.match(shown, /Test pagesent as printer job 7/);
        });

        it('shows a printer that did not answer as an alert, without facts it cannot know', () => {
            const markup = renderToStaticMarkup(<PrinterTestContent printerName='Printer A' media={[]} catalog={[]} result={{ ok: false, summary: 'Printer A does not answer: connection refused.' }} />);
            assert.match(markup, /role="alert">Printer A does not answer: connection refused\./);
            assert.doesNotMatch(markup, /Media ready/);
        });
    });
});
