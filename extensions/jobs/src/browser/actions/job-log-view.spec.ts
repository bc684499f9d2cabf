import * as assert from 'node:assert/strict';
import type { JobLogEntry } from '@presswork/platform/lib/common/job-schema';
import { filterLog, inTimeOrder, levelInWords, logAsText } from './job-log-view';

describe('job log view', () => {

    const entries: JobLogEntry[] = [
        { at: '2025-03-01T10:05:00.000Z', level: 'info', message: 'Held', by: 'olga' },
        { at: '2025-03-01T10:00:00.000Z', level: 'info', message: 'Received' },
        { at: '2025-03-01T10:05:00.000Z', level: 'error', message: 'Print: printer\noffline' },
        { at: '2025-03-01T10:06:00.000Z', level: 'info', message: 'Resumed', by: 'Olga' }
    ];

    it('puts the newest entry last and keeps the written order of entries at the same time', () => {
        assert.deepEqual(inTimeOrder(entries).map(entry => entry.message), ['Received', 'Held', 'Print: printer\noffline', 'Resumed']);
    });

    it('filters by every word over message, level and author, ignoring case', () => {
        assert.deepEqual(filterLog(entries, 'olga').map(entry => entry.message), ['Held', 'Resumed']);
        assert.deepEqual(filterLog(entries, 'ERROR offline').map(entry => entry.message), ['Print: printer\noffline']);
        assert.equal(filterLog(entries, '  ').length, 4);
        assert.equal(filterLog(entries, 'nothing-like-this').length, 0);
        assert.equal(filterLog(entries, 'information').length, 3, 'the level as the dialog shows it');
    });

    it('shows levels in words', () => {
        assert.deepEqual((['info', 'warning', 'error'] as const).map(levelInWords), ['Information', 'Warning', 'Error']);
    });

    it('copies one tab-separated line an entry', () => {
        assert.equal(logAsText(entries.slice(1, 3)),
            '2025-03-01T10:00:00.000Z\tInformation\t\tReceived\n2025-03-01T10:05:00.000Z\tError\t\tPrint: printer offline');
    });
});
