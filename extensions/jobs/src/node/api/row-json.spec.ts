import * as assert from 'node:assert/strict';
import type { JobRow } from '../../common/job-row';
import { rowJson, rowsJson } from './row-json';

describe('row JSON', () => {

    const row = (id: string, name: string): JobRow => ({ id, name, orderNumber: 'ACME-1', state: 'Received', copies: 2 } as unknown as JobRow);

    it('writes rows as JSON.stringify does, escapes included', () => {
        const rows = [row('job-1', 'Cards "matte" \u2028 <b>'), row('job-2', 'Flyers\n')];
        assert.equal(rowsJson(rows), JSON.stringify(rows));
        assert.equal(rowsJson([]), '[]');
    });

    it('writes a row once, and a changed job (a new row object) again', () => {
        const first = row('job-1', 'Cards');
        const text = rowJson(first);
        // Rows are never changed in place; this one is, to show that its text was kept rather than written again.
        (first as { name: string }).name = 'Changed in place';
        assert.equal(rowJson(first), text);
        assert.equal(rowJson({ ...first }), JSON.stringify({ ...first }));
    });
});
