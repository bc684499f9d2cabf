import * as assert from 'node:assert/strict';
import { BODY_BLOCK_BYTES, BodyTooLargeError, readBlocksWithLimit } from './bounded-body';

async function* chunksOf(...chunks: (Uint8Array | string)[]): AsyncIterable<Uint8Array | string> {
    yield* chunks;
}

describe('readBlocksWithLimit', () => {
    it('collects chunks of any size into blocks of their own, in order, the last cut to what it holds', async () => {
        const big = new Uint8Array(BODY_BLOCK_BYTES + 10).map((_, index) => index % 251);
        const blocks = await readBlocksWithLimit(chunksOf('ab', big, new Uint8Array([7, 8])), 10 * BODY_BLOCK_BYTES, () => assert.fail('not aborted'));
        assert.deepEqual(blocks.map(block => block.byteLength), [BODY_BLOCK_BYTES, 14]);
        assert.ok(blocks.every(block => block.buffer.byteLength === BODY_BLOCK_BYTES), 'each block is a buffer of its own, handed over whole');
        assert.deepEqual(Buffer.concat(blocks), Buffer.concat([Buffer.from('ab'), big, Buffer.from([7, 8])]));
    });

    it('gives no blocks for an empty or absent body', async () => {
        assert.deepEqual(await readBlocksWithLimit(chunksOf(), 10, () => undefined), []);
        assert.deepEqual(await readBlocksWithLimit(null, 10, () => undefined), []);
    });

    it('aborts and refuses as soon as the limit is passed', async () => {
        let aborted = 0;
        await assert.rejects(readBlocksWithLimit(chunksOf('12345', '678901'), 10, () => aborted++), BodyTooLargeError);
        assert.equal(aborted, 1);
    });
});
