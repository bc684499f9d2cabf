import * as assert from 'node:assert/strict';
import type { JobRow } from '../../common/job-row';
import { jobsPageJson, rowJson } from './row-json';

describe('row JSON', () => {

    const row = (id: string, name: string): JobRow => ({ id, name, orderNumber: 'ACME-1', state: 'Received', copies: 2 } as unknown as JobRow);
    const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

    it('writes a page as JSON.stringify does, in UTF-8, escapes and characters beyond ASCII included', () => {
        const rows = [row('job-1', 'Cards "matte" \u2028 <b> — Zürich \ud83d\udda8 \ud800'), row('job-2', 'Flyers\n')];
        const next = '/api/v1/jobs?cursor=a"b';
        assert.equal(text(jobsPageJson(rows, next)), JSON.stringify({ items: rows, next }));
        assert.equal(text(jobsPageJson([row('job-3', 'Posters')], null)), JSON.stringify({ items: [row('job-3', 'Posters')], next: null }));
        assert.equal(text(jobsPageJson([], null)), '{"items":[],"next":null}');
    });

    it('writes a row once, and a changed job (a new row object) again', () => {
        const first = row('job-1', 'Cards');
        const bytes = rowJson(first);
        // Rows are never changed in place; this one is, to show that its bytes were kept rather than written again.
        (first as { name: string }).name = 'Changed in place';
        assert.equal(rowJson(first), bytes);
        assert.equal(text(rowJson({ ...first })), JSON.stringify({ ...first }));
    });

    it('keeps each row in a buffer of its own, not in a slice of a shared pool', () => {
        const bytes = rowJson(row('job-4', 'Leaflets'));
        assert.equal(bytes.byteOffset, 0);
        assert.equal(bytes.buffer.byteLength, bytes.byteLength);
    });
});
