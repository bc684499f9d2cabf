import * as assert from 'node:assert/strict';
import { EVENT_CATALOG } from '../../common/event-catalog';
import { renderDigest, renderMessage, timeInWords } from './message-renderer';

const event = { name: 'job.error' as const, at: '2026-12-05T22:30:00.000Z', payload: { ...EVENT_CATALOG['job.error'].sample, reason: 'Tray <1> & "2"\nempty' } };

describe('rendering messages', () => {

    it('shows times in words in the shop\'s time zone', () => {
        assert.equal(timeInWords('2026-12-05T22:30:00.000Z', 'America/Los_Angeles'), 'Sat 5 Dec 2026, 14:30');
        assert.equal(timeInWords('2026-12-05T22:30:00.000Z', 'UTC'), 'Sat 5 Dec 2026, 22:30');
    });

    it('fills subject and text from the payload and the envelope, times in words', () => {
        const message = renderMessage({ subject: '{event}: {orderNumber} {jobName}', text: 'Due {due}, seen {at}: {reason}' }, event, 'UTC');
        assert.equal(message.subject, 'Job in Error: ORD-10042 Business cards');
        assert.equal(message.text, 'Due Mon 7 Dec 2026, 17:00, seen Sat 5 Dec 2026, 22:30: Tray <1> & "2"\nempty');
    });

    it('keeps the subject on one line and turns the text into escaped HTML when there is no HTML template', () => {
        const message = renderMessage({ subject: 'Error: {reason}', text: '{jobName}\n{reason}' }, event, 'UTC');
        assert.equal(message.subject, 'Error: Tray <1> & "2" empty');
        assert.equal(message.html, 'Business cards<br>\nTray &lt;1&gt; &amp; &quot;2&quot;<br>\nempty');
    });

    it('escapes the values put into an HTML template, not the template', () => {
        const message = renderMessage({ subject: 's', text: 't', html: '<p><b>{jobName}</b>: {reason}</p>' }, event, 'UTC');
        assert.equal(message.html, '<p><b>Business cards</b>: Tray &lt;1&gt; &amp; &quot;2&quot;\nempty</p>');
    });

    it('lists a digest\'s events with their times and counts the rest', () => {
        const events = [event, { ...event, at: '2026-12-05T22:31:00.000Z', payload: { ...event.payload, jobName: 'Flyers' } }];
        const digest = renderDigest({ ruleName: 'Errors', template: { subject: '{jobName} is in Error', text: 'x' }, events, moreEvents: 3, timeZone: 'UTC' });
        assert.equal(digest.subject, 'Job in Error: 5 events (Errors)');
        assert.equal(digest.text, [
            '5 events matched the rule "Errors":', '',
            '- Sat 5 Dec 2026, 22:30: Business cards is in Error',
            '- Sat 5 Dec 2026, 22:31: Flyers is in Error',
            'and 3 more'
        ].join('\n'));
        assert.match(digest.html ?? '', /<li>Sat 5 Dec 2026, 22:31: Flyers is in Error<\/li>[\s\S]*<p>and 3 more<\/p>/);
    });
});
