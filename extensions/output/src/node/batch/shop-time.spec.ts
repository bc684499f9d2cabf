import { expect } from 'chai';
import { addDays, clockText, dayText, instantAt, zonedDayOf } from './shop-time';

describe('shop time', () => {
    it('reads the day and the clock in the shop\'s zone, not the server\'s', () => {
        const instant = Date.parse('2026-03-02T03:30:00.000Z'); // 22:30 the day before in New York
        expect(dayText(zonedDayOf(instant, 'America/New_York'))).to.equal('2026-03-01');
        expect(clockText(instant, 'America/New_York')).to.equal('22:30');
        expect(dayText(addDays({ year: 2026, month: 2, day: 28 }, 1))).to.equal('2026-03-01');
    });

    it('puts a time of day that the clocks skip just after the gap', () => {
        // New York skips 02:00–03:00 on 2026-03-08: 02:30 is released at 03:30 summer time.
        expect(new Date(instantAt({ year: 2026, month: 3, day: 8 }, '02:30', 'America/New_York')).toISOString()).to.equal('2026-03-08T07:30:00.000Z');
    });
});
