import * as assert from 'node:assert/strict';
import { blockedMessage, closeoutStatus } from './closeout-status';
import { orderDetails, progress } from './test/closeout-fixture';

describe('closeout status line', () => {

    it('says nothing before the first attempt', () => {
        assert.equal(closeoutStatus({ orderNumber: 'MC-1', progress: progress(), running: false }), undefined);
    });

    it('says the order is closed once it is', () => {
        const status = closeoutStatus({ orderNumber: 'MC-1', progress: progress({ closed: true, closedBy: 'olivia', closedAt: '2026-11-26T10:00:00.000Z' }), running: false });
        assert.equal(status?.kind, 'success');
        assert.match(status?.text ?? '', /^Order MC-1 is closed \(by olivia, /);
    });

    it('names the part being sent while the attempt runs', () => {
        const status = closeoutStatus({ orderNumber: 'MC-1', running: true,
            progress: progress({ parts: { packingSlip: { status: 'done' }, invoice: { status: 'sending' }, settlement: { status: 'pending' } } }) });
        assert.deepEqual(status, { kind: 'info', text: 'Closing out order MC-1: invoice…' });
    });

    it("shows the failed part's message and where Try again resumes", () => {
        const status = closeoutStatus({ orderNumber: 'MC-1', running: false,
            progress: progress({ parts: { packingSlip: { status: 'done' }, invoice: { status: 'done' }, settlement: { status: 'failed', code: 403, message: 'Authorization expired' } } }) });
        assert.deepEqual(status, { kind: 'error', text: 'Settlement failed (MarcomCentral code 403): Authorization expired. Try again resumes from the settlement.' });
    });

    it("shows the backend's refusal, e.g. who else is closing the order out", () => {
        const status = closeoutStatus({ orderNumber: 'MC-1', running: false, progress: progress(), failure: 'Order MC-1 is being closed out by oscar' });
        assert.deepEqual(status, { kind: 'error', text: 'Order MC-1 is being closed out by oscar' });
    });

    it('tells who is closing it out when someone else runs an attempt', () => {
        const status = closeoutStatus({ orderNumber: 'MC-1', running: false, progress: progress({ runningBy: 'oscar', runningSince: '2026-11-26T10:00:00.000Z' }) });
        assert.match(status?.text ?? '', /^oscar is closing out order MC-1/);
    });

    it('spells out the hidden characters of the order number, so none reorders the sentence', () => {
        const status = closeoutStatus({ orderNumber: 'MC-1\u202Efdp.exe', running: true, progress: progress() });
        assert.deepEqual(status, { kind: 'info', text: 'Closing out order MC-1⟨U+202E⟩fdp.exe: packing slip…' });
    });

    it('sends an order shipping to several addresses to MarcomCentral', () => {
        const details = orderDetails({ shipTo: [{ address1: 'One' }, { address1: 'Two' }] });
        assert.equal(blockedMessage({ blocked: 'The line items ship to 2 addresses.', details }),
            'The line items ship to 2 addresses. It cannot be closed out here: close it out in MarcomCentral.');
        assert.equal(blockedMessage({ blocked: 'Close it out in MarcomCentral.', details }), 'Close it out in MarcomCentral.');
        assert.equal(blockedMessage({ details }), undefined);
    });

    it('spells out the hidden characters the reason quotes, so the order number cannot reverse the reason', () => {
        assert.equal(blockedMessage({ blocked: 'The connection order 10\u200B01\u202E came from no longer exists', details: orderDetails() }),
            'The connection order 10⟨U+200B⟩01⟨U+202E⟩ came from no longer exists');
    });
});
