import * as assert from 'node:assert/strict';
import { FormatLocaleSchema, PressworkFormatter, currentFormatter, formatDate, formatDateTime, formatMoney, formatterFor, onFormatLocaleChanged, setFormatLocale } from './presswork-format';

const MOMENT = '2026-12-05T11:44:15Z';

describe('presswork-format', () => {
    afterEach(() => setFormatLocale(''));

    it('writes every date with a four-digit year, in any locale', () => {
        for (const locale of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', '']) {
            const format = new PressworkFormatter(locale);
            assert.match(format.date(MOMENT), /2026/, locale);
            assert.match(format.dateTime(MOMENT), /2026/, locale);
            assert.doesNotMatch(format.date(MOMENT), /(^|\D)26$/, locale);
        }
    });

    it('writes dates, times and money as the locale does', () => {
        const us = formatterFor('en-US');
        assert.equal(us.date('2026-12-05'), '12/05/2026');
        assert.equal(us.money(353.89, 'USD'), '$353.89');
        assert.equal(us.money(1234.5), '1,234.50');
        const de = formatterFor('de-DE');
        assert.equal(de.date('2026-12-05'), '05.12.2026');
        assert.equal(de.money(1234.5, 'EUR').replace(/\s/g, ' '), '1.234,50 €');
        assert.equal(formatterFor('en-GB').date('2026-12-05'), '05/12/2026');
    });

    it('keeps a plain calendar date on its day whatever the time zone', () => {
        // 2026-12-05 is midnight UTC: read as a moment, it would be the 4th west of Greenwich.
        assert.equal(formatterFor('en-US').date('2026-12-05'), '12/05/2026');
        assert.equal(formatterFor('en-US').dateTime('2026-12-05'), '12/05/2026');
    });

    it('shows seconds only when asked, and the time alone', () => {
        const us = formatterFor('en-US');
        const withSeconds = us.dateTime(MOMENT, { seconds: true });
        assert.match(withSeconds, /:\d\d:15/);
        assert.doesNotMatch(us.dateTime(MOMENT), /:15/);
        assert.doesNotMatch(us.time(MOMENT), /2026/);
    });

    it('writes nothing for no value and the text itself for what is not a date or an amount', () => {
        assert.equal(formatDate(undefined), '');
        assert.equal(formatDateTime(''), '');
        assert.equal(formatDateTime('soon'), 'soon');
        assert.equal(formatMoney(undefined, 'USD'), '');
        assert.equal(formatMoney(Number.NaN), '');
        assert.equal(formatterFor('en-US').money(7, 'dollars'), '7.00');
    });

    it('follows the locale chosen (the preference), tells who listens, and ignores one that is not a language', () => {
        let changes = 0;
        const listening = onFormatLocaleChanged(() => changes++);
        setFormatLocale('de-DE');
        assert.equal(formatDate('2026-12-05'), '05.12.2026');
        assert.equal(currentFormatter().locale, 'de-DE');
        setFormatLocale('de-DE');
        assert.equal(changes, 1, 'the same locale again is no change');
        setFormatLocale('not a locale!');
        assert.equal(currentFormatter(), formatterFor(''));
        listening.dispose();
        setFormatLocale('en-GB');
        assert.equal(changes, 2);
    });

    it('checks the preference value as a language tag', () => {
        assert.ok(FormatLocaleSchema.safeParse('').success);
        assert.ok(FormatLocaleSchema.safeParse('en-GB').success);
        assert.ok(!FormatLocaleSchema.safeParse('<script>').success);
        assert.ok(!FormatLocaleSchema.safeParse('x'.repeat(100)).success);
    });
});
