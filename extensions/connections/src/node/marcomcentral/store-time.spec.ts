import * as assert from 'node:assert/strict';
import { Settings } from 'luxon';
import { formatInstantInZone, readStoreDateTime } from './store-time';

const LA = 'America/Los_Angeles';

describe('store-time', () => {

    describe('formatInstantInZone', () => {
        it('uses the store offset at each instant: PST in winter, PDT in summer', () => {
            assert.equal(formatInstantInZone('2026-01-15T18:00:00Z', LA), '2026-01-15T10:00:00-08:00');
            assert.equal(formatInstantInZone('2026-07-15T18:00:00Z', LA), '2026-07-15T11:00:00-07:00');
            assert.equal(formatInstantInZone('2026-07-15T18:00:00.250+02:00', LA), '2026-07-15T09:00:00.250-07:00');
        });

        it('follows the tz database across a change (not a fixed offset)', () => {
            assert.equal(formatInstantInZone('2026-11-01T08:30:00Z', LA), '2026-11-01T01:30:00-07:00');
            assert.equal(formatInstantInZone('2026-11-01T09:30:00Z', LA), '2026-11-01T01:30:00-08:00');
            assert.equal(formatInstantInZone('2026-03-08T10:30:00Z', LA), '2026-03-08T03:30:00-07:00');
            assert.equal(formatInstantInZone('2026-07-15T12:00:00Z', 'Europe/Berlin'), '2026-07-15T14:00:00+02:00');
        });

        it('refuses offset-less or invalid instants and unknown zones', () => {
            assert.throws(() => formatInstantInZone('2026-01-15T18:00:00', LA), RangeError);
            assert.throws(() => formatInstantInZone('yesterday', LA), RangeError);
            assert.throws(() => formatInstantInZone('2026-01-15T18:00:00Z', 'Pacific/Nowhere'), RangeError);
        });
    });

    describe('readStoreDateTime', () => {
        it('keeps an explicit offset', () => {
            assert.equal(readStoreDateTime('2026-11-26T08:01:12-05:00', LA), '2026-11-26T08:01:12-05:00');
            assert.equal(readStoreDateTime('2026-11-26T16:01:12Z', LA), '2026-11-26T16:01:12Z');
        });

        it('reads an offset-less date in the store zone', () => {
            assert.equal(readStoreDateTime('2026-11-26T08:01:12', LA), '2026-11-26T08:01:12-08:00');
            assert.equal(readStoreDateTime('2026-07-04T08:00:00', LA), '2026-07-04T08:00:00-07:00');
            assert.equal(readStoreDateTime('2026-11-26T08:01:12.1234567', LA), '2026-11-26T08:01:12.123-08:00');
            assert.equal(readStoreDateTime('2026-11-26', LA), '2026-11-26T00:00:00-08:00');
        });

        it('reads the repeated autumn hour as standard time, as .NET (MarcomCentral) does', () => {
            assert.equal(readStoreDateTime('2026-11-01T01:30:00', LA), '2026-11-01T01:30:00-08:00');
            assert.equal(readStoreDateTime('2026-11-01T01:00:00', LA), '2026-11-01T01:00:00-08:00');
            assert.equal(readStoreDateTime('2026-11-01T00:59:59', LA), '2026-11-01T00:59:59-07:00');
            assert.equal(readStoreDateTime('2026-11-01T02:00:00', LA), '2026-11-01T02:00:00-08:00');
        });

        it('shifts the skipped spring hour forward by the gap', () => {
            assert.equal(readStoreDateTime('2026-03-08T02:30:00', LA), '2026-03-08T03:30:00-07:00');
            assert.equal(readStoreDateTime('2026-03-08T01:59:00', LA), '2026-03-08T01:59:00-08:00');
            assert.equal(readStoreDateTime('2026-03-08T03:00:00', LA), '2026-03-08T03:00:00-07:00');
        });

        it('gives the same answer whatever season the process started in (luxon alone does not)', () => {
            const originalNow = Settings.now;
            try {
                // Texts not read before in this process: a date read once is kept, and would not be read again.
                for (const [second, now] of [[11, Date.parse('2026-07-01T00:00:00Z')], [12, Date.parse('2026-01-01T00:00:00Z')]]) {
                    Settings.now = () => now;
                    Settings.resetCaches();
                    assert.equal(readStoreDateTime(`2026-11-01T01:30:${second}`, LA), `2026-11-01T01:30:${second}-08:00`);
                    assert.equal(readStoreDateTime(`2026-03-08T02:30:${second}`, LA), `2026-03-08T03:30:${second}-07:00`);
                }
            } finally {
                Settings.now = originalNow;
                Settings.resetCaches();
            }
        });

        it('reads a text it has read before in another zone by that zone', () => {
            assert.equal(readStoreDateTime('2026-11-27T08:01:12', LA), '2026-11-27T08:01:12-08:00');
            assert.equal(readStoreDateTime('2026-11-27T08:01:12', 'Europe/Berlin'), '2026-11-27T08:01:12+01:00');
            assert.equal(readStoreDateTime('2026-11-27T08:01:12', LA), '2026-11-27T08:01:12-08:00');
        });

        it('says undefined for text that is not a date', () => {
            assert.equal(readStoreDateTime('next Tuesday', LA), undefined);
            assert.equal(readStoreDateTime('2026-13-45T99:00:00', LA), undefined);
        });
    });
});
