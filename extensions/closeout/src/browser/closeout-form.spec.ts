import * as assert from 'node:assert/strict';
import {
    checkCloseoutForm, CloseoutFormValues, closeoutTabs, failedPart, firstProblem, firstUnfinishedPart, formValuesOf, hasStarted, newerProgress, partResultText
} from './closeout-form';
import { preparation, progress } from './test/closeout-fixture';

const valid = (): CloseoutFormValues => formValuesOf(preparation().proposal);

describe('closeout form', () => {

    it('turns valid values into the request the backend takes, an empty tracking number into none', () => {
        const check = checkCloseoutForm(valid());
        assert.deepEqual(check.errors, {});
        assert.deepEqual(check.input, {
            packingSlip: { packingSlipNumber: 'PS-MC-1001', shipDate: '2026-11-26', carrierName: 'UPS', trackingNumber: undefined },
            invoice: { invoiceNumber: 'INV-MC-1001', invoiceDate: '2026-11-26' }
        });
        assert.equal(checkCloseoutForm({ ...valid(), trackingNumber: ' 1Z999 ' }).input?.packingSlip.trackingNumber, '1Z999');
    });

    it('puts each schema message under its own field, with the field named', () => {
        const check = checkCloseoutForm({ ...valid(), carrierName: ' ', invoiceNumber: 'INV<1>', shipDate: '26/11/2026' });
        assert.equal(check.input, undefined);
        assert.deepEqual(Object.keys(check.errors).sort(), ['carrierName', 'invoiceNumber', 'shipDate']);
        assert.equal(check.errors.carrierName, 'Carrier is required');
        assert.equal(check.errors.shipDate, 'Ship date must be a date (YYYY-MM-DD)');
        assert.match(check.errors.invoiceNumber ?? '', /^Invoice number may hold letters, digits/);
    });

    it('names the tab of the first problem for the line beside OK', () => {
        assert.equal(firstProblem(checkCloseoutForm({ ...valid(), invoiceDate: '' })), 'Invoice: Invoice date must be a date (YYYY-MM-DD)');
        assert.equal(firstProblem(checkCloseoutForm(valid())), undefined);
    });

    it('shows the Settlement tab only when the order must be settled (paid by card)', () => {
        assert.deepEqual(closeoutTabs(true), ['packingSlip', 'invoice', 'settlement']);
        assert.deepEqual(closeoutTabs(false), ['packingSlip', 'invoice']);
    });

    it('resumes from the first part not done, skipping a part not required', () => {
        assert.equal(firstUnfinishedPart(progress()), 'packingSlip');
        const slipDone = progress({ parts: { packingSlip: { status: 'done', referenceId: 'PS1' }, invoice: { status: 'failed', code: 500, message: 'down' }, settlement: { status: 'pending' } } });
        assert.equal(firstUnfinishedPart(slipDone), 'invoice');
        assert.equal(failedPart(slipDone), 'invoice');
        const noSettlement = progress({ parts: { packingSlip: { status: 'done' }, invoice: { status: 'done' }, settlement: { status: 'not-required' } } });
        assert.equal(firstUnfinishedPart(noSettlement), undefined);
    });

    it("says a part's result: its reference, or MarcomCentral's code and message", () => {
        const state = progress({ parts: { packingSlip: { status: 'done', referenceId: 'PS-77' }, invoice: { status: 'failed', code: 403, message: 'Authorization expired' }, settlement: { status: 'pending' } } });
        assert.equal(partResultText('packingSlip', state), 'Packing slip done: reference PS-77');
        assert.equal(partResultText('invoice', state), 'Invoice failed (MarcomCentral code 403): Authorization expired');
        assert.equal(partResultText('settlement', state), undefined);
    });

    it('knows an attempt has started once numbers are fixed or a part was sent', () => {
        assert.equal(hasStarted(progress()), false);
        assert.equal(hasStarted(progress({ input: preparation().proposal })), true);
        assert.equal(hasStarted(progress({ parts: { packingSlip: { status: 'failed' }, invoice: { status: 'pending' }, settlement: { status: 'pending' } } })), true);
    });

    it('keeps the newer progress whichever arrives last', () => {
        const older = progress({ version: 2 });
        const newer = progress({ version: 3, closed: true });
        assert.equal(newerProgress(older, newer), newer);
        assert.equal(newerProgress(newer, older), newer);
        assert.equal(newerProgress(undefined, older), older);
    });
});
