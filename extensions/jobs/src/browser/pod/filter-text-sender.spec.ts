import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { FilterTextSender, TEXT_FILTER_DELAY_MS } from './filter-text-sender';

describe('FilterTextSender', () => {
    let clock: sinon.SinonFakeTimers;
    let sent: string[];
    let sender: FilterTextSender;

    beforeEach(() => {
        clock = sinon.useFakeTimers();
        sent = [];
        sender = new FilterTextSender(text => sent.push(text));
    });

    afterEach(() => clock.restore());

    it('sends the last text once typing rests', () => {
        sender.typed('A');
        sender.typed('AC');
        clock.tick(TEXT_FILTER_DELAY_MS - 1);
        assert.deepEqual(sent, []);
        sender.typed('ACME');
        clock.tick(TEXT_FILTER_DELAY_MS);
        assert.deepEqual(sent, ['ACME']);
    });

    it('keeps waiting text when its owner replaces the callback (a render of the pod)', () => {
        sender.typed('ACME');
        clock.tick(100);
        const later: string[] = [];
        sender.send = text => later.push(text);
        clock.tick(TEXT_FILTER_DELAY_MS);
        assert.deepEqual([sent, later], [[], ['ACME']]);
    });

    it('sends at once on Enter or when the box loses focus, and only once', () => {
        sender.typed('ACME');
        sender.flush();
        sender.flush();
        clock.tick(TEXT_FILTER_DELAY_MS * 2);
        assert.deepEqual(sent, ['ACME']);
    });

    it('sends nothing after cancel (another view replaced the box)', () => {
        sender.typed('ACME');
        sender.cancel();
        clock.tick(TEXT_FILTER_DELAY_MS * 2);
        assert.deepEqual(sent, []);
    });
});
