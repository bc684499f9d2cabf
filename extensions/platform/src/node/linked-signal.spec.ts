import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { linkedSignal, withLinkedSignal } from './linked-signal';
import { heldBySignal } from './test/held-by-signal';

describe('linkedSignal', () => {

    it('is aborted with the reason of the source that aborted first', () => {
        const first = new AbortController();
        const second = new AbortController();
        const linked = linkedSignal([first.signal, undefined, second.signal]);
        assert.equal(linked.signal.aborted, false);
        second.abort(new Error('second'));
        first.abort(new Error('first'));
        assert.equal(linked.signal.aborted, true);
        assert.equal((linked.signal.reason as Error).message, 'second');
    });

    it('is aborted at once when a source already is', () => {
        const source = new AbortController();
        source.abort(new Error('stopped'));
        const linked = linkedSignal([source.signal], 1_000);
        assert.equal(linked.signal.aborted, true);
        assert.equal((linked.signal.reason as Error).message, 'stopped');
        linked.dispose();
    });

    it('times out with a TimeoutError, as AbortSignal.timeout does', async () => {
        const linked = linkedSignal([new AbortController().signal], 5);
        await delay(30);
        assert.equal(linked.signal.aborted, true);
        assert.equal((linked.signal.reason as DOMException).name, 'TimeoutError');
    });

    it('leaves nothing on a long-lived source once disposed, and never aborts afterwards', async () => {
        const server = new AbortController();
        const links = Array.from({ length: 1_000 }, () => linkedSignal([server.signal], 5));
        assert.equal(heldBySignal(server.signal), 1_000);
        links.forEach(link => link.dispose());
        links[0].dispose();
        assert.equal(heldBySignal(server.signal), 0, 'no listener is left on the source');
        await delay(30);
        server.abort();
        assert.ok(links.every(link => !link.signal.aborted), 'a disposed link neither times out nor follows its source');
    });

    it('lets go of its other sources once one of them has aborted it', () => {
        const server = new AbortController();
        const request = new AbortController();
        linkedSignal([server.signal, request.signal]);
        request.abort();
        assert.equal(heldBySignal(server.signal), 0);
    });
});

describe('withLinkedSignal', () => {

    it('disposes of the signal once the work has settled, failed or not', async () => {
        const server = new AbortController();
        assert.equal(await withLinkedSignal([server.signal], 1_000, async signal => {
            assert.equal(heldBySignal(server.signal), 1);
            return signal.aborted ? 'aborted' : 'ran';
        }), 'ran');
        await assert.rejects(withLinkedSignal([server.signal], 1_000, async () => {
            throw new Error('failed');
        }), /failed/);
        assert.equal(heldBySignal(server.signal), 0);
    });
});
