import assert from 'node:assert/strict';
import { RequestLog } from './request-log';

function entry(body: string, headers: Record<string, string> = {}) {
    return {
        at: '2026-11-26T16:00:00.000Z', method: 'POST', url: '/TRANS/1.0/Order.asmx', requestHeaders: headers,
        requestBody: body, status: 200, responseHeaders: {}, responseBody: body, durationMs: 1
    };
}

describe('RequestLog', () => {
    it('keeps only the newest entries', () => {
        const log = new RequestLog(() => [], 3);
        for (let index = 1; index <= 5; index += 1) {
            log.add(entry(`body ${index}`));
        }
        assert.deepEqual(log.list().map(item => [item.seq, item.requestBody]), [[3, 'body 3'], [4, 'body 4'], [5, 'body 5']]);
    });

    it('masks Token elements with any prefix, known tokens anywhere and bearer credentials', () => {
        const log = new RequestLog(() => ['s3cret']);
        log.add(entry('<ns1:Token>abc</ns1:Token><Token>def</Token><Note>s3cret</Note>', { authorization: 'Bearer s3cret', 'x-echo': 'xs3cretx' }));
        const [item] = log.list();
        assert.equal(item.requestBody, '<ns1:Token>***</ns1:Token><Token>***</Token><Note>***</Note>');
        assert.deepEqual(item.requestHeaders, { authorization: 'Bearer ***', 'x-echo': 'x***x' });
    });

    it('clips very large bodies', () => {
        const log = new RequestLog(() => []);
        log.add(entry('x'.repeat(100_000)));
        assert.ok(log.list()[0].requestBody.length < 70_000);
        assert.match(log.list()[0].requestBody, /more characters not logged\]$/);
    });
});
