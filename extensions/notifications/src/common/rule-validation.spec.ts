import * as assert from 'node:assert/strict';
import { fillTemplate, placeholdersOf, textToHtml } from './message-template';
import { ruleProblems, unknownPlaceholders } from './rule-validation';
import type { NotificationRuleInput } from './notifications-protocol';

const rule = (change: Partial<NotificationRuleInput>): NotificationRuleInput => ({
    name: 'Errors', enabled: true, event: 'job.error', conditions: [],
    channel: { kind: 'email', recipients: { userIds: [], addresses: ['ops@shop.test'], customer: false } },
    template: { subject: 'Order {orderNumber}', text: '{jobName}: {reason}' },
    ...change
});

describe('message templates and rule checks', () => {

    it('finds placeholders once each and fills them, braces doubled staying literal', () => {
        assert.deepEqual(placeholdersOf('{a} and {b}, {a} {{not}}'), ['a', 'b']);
        assert.equal(fillTemplate('{a}-{missing}-{{x}}', name => name === 'a' ? 'A' : undefined), 'A--{x}');
    });

    it('leaves out a line none of whose placeholders has a value, and keeps lines without placeholders', () => {
        const template = 'Printer {a} stopped.\nAt the printer: {job}.\n\nThanks';
        assert.equal(fillTemplate(template, name => name === 'a' ? 'A' : undefined), 'Printer A stopped.\n\nThanks');
        assert.equal(fillTemplate(template, name => name === 'a' ? 'A' : 'ORD-1'), 'Printer A stopped.\nAt the printer: ORD-1.\n\nThanks');
    });

    it('turns text into HTML, escaped, line breaks kept', () => {
        assert.equal(textToHtml('a < b & "c"\nnext'), 'a &lt; b &amp; &quot;c&quot;<br>\nnext');
    });

    it('accepts a rule naming only its event\'s properties and the envelope', () => {
        assert.deepEqual(ruleProblems(rule({
            conditions: [{ property: 'state', comparison: 'equals', value: 'error' }],
            template: { subject: '{event} at {at}', text: '{orderNumber} {jobName}', html: '<b>{reason}</b>' }
        })), []);
    });

    it('refuses unknown properties and placeholders in words, naming the event', () => {
        assert.deepEqual(ruleProblems(rule({
            conditions: [{ property: 'trackingNumber', comparison: 'equals', value: 'x' }],
            template: { subject: 'Shipped {trackingNumber}', text: '{carrier}' }
        })), [
            'Condition 1: trackingNumber is not a property of Job in Error events',
            '{trackingNumber} is not a property of Job in Error events',
            '{carrier} is not a property of Job in Error events'
        ]);
        assert.deepEqual(unknownPlaceholders('order.closed-out', '{trackingNumber} {jobName}'), ['jobName']);
    });

    it('refuses "greater than" a word, and the customer for events not about an order', () => {
        assert.deepEqual(ruleProblems(rule({
            event: 'printer.needs-attention',
            conditions: [{ property: 'printer', comparison: 'greater-than', value: 'many' }],
            channel: { kind: 'email', recipients: { userIds: [], addresses: [], customer: true } },
            template: { subject: '{printer}', text: '{reason}' }
        })), [
            'Condition 1: greater than needs a number or a date and time, not "many"',
            'Printer needs attention events are not about an order, so they cannot go to the order\'s customer'
        ]);
    });
});
