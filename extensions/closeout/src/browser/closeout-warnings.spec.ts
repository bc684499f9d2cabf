import * as assert from 'node:assert/strict';
import { closeoutWarnings, lacksShipTo, underPrintedLines } from './closeout-warnings';
import { orderDetails, preparation } from './test/closeout-fixture';
import { isolatedIdentifier, isolatedText } from '@presswork/platform/lib/common/hidden-characters';

describe('closeout warnings (before the Closeout Order dialog opens)', () => {

    it('has nothing to ask when every line is ready and the order has a ship-to address', () => {
        assert.deepEqual(closeoutWarnings(preparation()), []);
    });

    it('names each line item not ready: by its job\'s state, or as having no job at all', () => {
        const [warning] = closeoutWarnings(preparation({ notReady: [
            { lineItemId: 'line-2', name: 'Flyers', jobId: 'job-2', state: 'Printing' },
            { lineItemId: 'line-3', name: 'Posters' }
        ] }));
        assert.equal(warning.kind, 'notReady');
        assert.equal(warning.text, `Not every line item of order ${isolatedIdentifier('MC-1001')} is ready for closeout:`);
        assert.deepEqual(warning.items, [
            { id: 'line-2', jobId: 'job-2', text: `${isolatedText('Flyers')}: Printing` },
            { id: 'line-3', jobId: undefined, text: `${isolatedText('Posters')}: no job (never produced)` }
        ]);
    });

    it('warns when neither the order nor its lines have a ship-to address (an empty address counts as none)', () => {
        for (const shipTo of [[], [{}]]) {
            const prep = preparation({ details: orderDetails({ shipTo }) });
            assert.equal(lacksShipTo(prep), true);
            assert.deepEqual(closeoutWarnings(prep).map(warning => [warning.kind, warning.text]), [
                ['noShipTo', `Order ${isolatedIdentifier('MC-1001')} has no ship-to address, neither on the order nor on its line items: the packing slip will name none.`]
            ]);
        }
    });

    it('warns when a line\'s job printed fewer copies than the line ordered, naming the printer', () => {
        const [business, flyers] = orderDetails().lines;
        const printed = { printerName: 'Printer A', at: '2026-11-26T10:00:00.000Z' };
        const prep = preparation({ details: orderDetails({ lines: [{ ...business, printed: { ...printed, copies: 2 } }, { ...flyers, printed: { ...printed, copies: 60 } }] }) });
        assert.deepEqual(underPrintedLines(prep).map(line => line.id), ['line-2']);
        const [warning] = closeoutWarnings(prep);
        assert.equal(warning.kind, 'underPrinted');
        assert.equal(warning.text, `Fewer copies were printed than ordered for some line items of order ${isolatedIdentifier('MC-1001')}:`);
        assert.deepEqual(warning.items, [{ id: 'line-2', jobId: 'job-2', text: `${isolatedText('Flyers')}: 60 of 100 printed on Printer A` }]);
    });

    it('says nothing of lines printed in full or not printed at all (a stocked product prints nothing)', () => {
        const [business, flyers] = orderDetails().lines;
        const prep = preparation({ details: orderDetails({ lines: [{ ...business, printed: { copies: 2, printerName: 'Printer A', at: '2026-11-26T10:00:00.000Z' } }, flyers] }) });
        assert.deepEqual(closeoutWarnings(prep), []);
    });

    it('asks once about both, the lines first', () => {
        const prep = preparation({ notReady: [{ lineItemId: 'line-3', name: 'Posters' }], details: orderDetails({ shipTo: [] }) });
        assert.deepEqual(closeoutWarnings(prep).map(warning => warning.kind), ['notReady', 'noShipTo']);
    });
});
