import assert from 'node:assert/strict';
import { StoreTimeZone } from './store-time-zone';

describe('StoreTimeZone', () => {
    const pacific = new StoreTimeZone('America/Los_Angeles');

    it('writes xs:dateTime with the store offset, standard and daylight time', () => {
        assert.equal(pacific.format(new Date('2026-11-26T16:01:12Z')), '2026-11-26T08:01:12-08:00');
        assert.equal(pacific.format(new Date('2026-07-04T16:01:12Z')), '2026-07-04T09:01:12-07:00');
        assert.equal(pacific.format(new Date('2026-07-04T16:01:12.250Z')), '2026-07-04T09:01:12.250-07:00');
    });

    it('honours an explicit offset, Z and fractional seconds', () => {
        assert.equal(pacific.parseDateTime('2026-11-26T08:01:12-08:00')?.toISOString(), '2026-11-26T16:01:12.000Z');
        assert.equal(pacific.parseDateTime('2026-11-26T16:01:12Z')?.toISOString(), '2026-11-26T16:01:12.000Z');
        assert.equal(pacific.parseDateTime('2026-11-26T21:31:12.1234567+05:30')?.toISOString(), '2026-11-26T16:01:12.123Z');
    });

    it('reads a date without an offset as wall-clock time in the store zone', () => {
        assert.equal(pacific.parseDateTime('2026-11-26T08:01:12')?.toISOString(), '2026-11-26T16:01:12.000Z');
        assert.equal(pacific.parseDateTime('2026-07-04T09:01:12')?.toISOString(), '2026-07-04T16:01:12.000Z');
        assert.equal(new StoreTimeZone('Europe/Berlin').parseDateTime('2026-11-26T08:01:12')?.toISOString(), '2026-11-26T07:01:12.000Z');
    });

    it('reads the repeated autumn hour (2026-11-01 01:30) as standard time, the later instant', () => {
        assert.equal(pacific.parseDateTime('2026-11-01T01:30:00')?.toISOString(), '2026-11-01T09:30:00.000Z');
        // The first 01:30 (daylight time) is still reachable with an explicit offset.
        assert.equal(pacific.parseDateTime('2026-11-01T01:30:00-07:00')?.toISOString(), '2026-11-01T08:30:00.000Z');
        assert.equal(pacific.parseDateTime('2026-11-01T00:59:59')?.toISOString(), '2026-11-01T07:59:59.000Z');
    });

    it('moves a time in the skipped spring hour (2026-03-08 02:30) forward by the gap', () => {
        assert.equal(pacific.parseDateTime('2026-03-08T02:30:00')?.toISOString(), '2026-03-08T10:30:00.000Z');
        assert.equal(pacific.parseDateTime('2026-03-08T03:30:00')?.toISOString(), '2026-03-08T10:30:00.000Z');
        assert.equal(pacific.parseDateTime('2026-03-08T01:59:59')?.toISOString(), '2026-03-08T09:59:59.000Z');
    });

    it('refuses what is not an xs:dateTime', () => {
        for (const text of ['2026-11-26', '2026-11-26T08:01', 'yesterday', '2026-W48-4T08:00:00', '2026-02-30T00:00:00', '']) {
            assert.equal(pacific.parseDateTime(text), undefined, text);
        }
    });

    it('reads an xs:date as the start of that day in the store zone', () => {
        assert.equal(pacific.parseDateOrDateTime('2026-11-26')?.toISOString(), '2026-11-26T08:00:00.000Z');
        assert.equal(pacific.parseDateOrDateTime('2026-11-26Z')?.toISOString(), '2026-11-26T00:00:00.000Z');
    });

    it('refuses an unknown zone', () => {
        assert.throws(() => new StoreTimeZone('Pacific/Atlantis'), /Unknown IANA time zone/);
    });
});
