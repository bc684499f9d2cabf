import * as assert from 'node:assert/strict';
import { EVENT_CATALOG } from '../common/event-catalog';
import type { NotificationRule } from '../common/notifications-protocol';
import { payloadPropertiesOf } from '../common/rule-validation';
import { checkRuleDraft, draftOfRule, newRuleDraft, propertyChoices, withCondition, withEvent } from './rule-draft';

const valid = { ...newRuleDraft('job.error'), name: 'Errors of order 42', addresses: 'ops@shop.example' };

describe('the rule editor\'s draft', () => {
    it('starts from the catalog\'s template of the event and follows the event until the template is edited', () => {
        const draft = newRuleDraft('job.error');
        assert.equal(draft.subject, EVENT_CATALOG['job.error'].defaultSubject);
        const printer = withEvent(draft, 'printer.needs-attention');
        assert.deepEqual([printer.subject, printer.text], [EVENT_CATALOG['printer.needs-attention'].defaultSubject, EVENT_CATALOG['printer.needs-attention'].defaultText]);
        const edited = { ...printer, subject: 'Mine: {printer}', templateEdited: true };
        assert.equal(withEvent(edited, 'printer.recovered').subject, 'Mine: {printer}');
    });

    it('drops conditions and the customer that the new event cannot have', () => {
        const draft = { ...withCondition(withCondition(valid)), customer: true };
        const conditions = [{ property: 'orderNumber', comparison: 'equals' as const, value: 'ORD-1' }, { property: 'state', comparison: 'equals' as const, value: 'Error' }];
        const connection = withEvent({ ...draft, conditions }, 'connection.failing');
        assert.deepEqual(connection.conditions, []);
        const printer = withEvent({ ...draft, conditions }, 'printer.needs-attention');
        assert.deepEqual(printer.conditions.map(condition => condition.property), ['orderNumber'], 'a printer event names the order it is held up on, not a job state');
        assert.equal(printer.customer, false);
        const closed = withEvent({ ...draft, conditions }, 'order.closed-out');
        assert.deepEqual(closed.conditions.map(condition => condition.property), ['orderNumber']);
        assert.equal(closed.customer, true);
    });

    it('offers at most three conditions on the event\'s payload properties, and the values an enum property takes', () => {
        let draft = valid;
        for (let index = 0; index < 5; index++) {
            draft = withCondition(draft);
        }
        assert.equal(draft.conditions.length, 3);
        assert.ok(payloadPropertiesOf('job.error').includes('orderNumber'));
        assert.ok(propertyChoices('job.error', 'state')?.includes('Error'));
        assert.deepEqual(propertyChoices('printer.needs-attention', 'printerState'), ['idle', 'processing', 'stopped', 'unknown']);
        assert.equal(propertyChoices('job.error', 'orderNumber'), undefined);
    });

    it('turns a valid draft into the service\'s input', () => {
        const checked = checkRuleDraft({ ...valid, conditions: [{ property: 'orderNumber', comparison: 'equals', value: 'ORD-1' }], addresses: 'a@shop.example, b@shop.example' });
        assert.deepEqual(checked.problems, {});
        assert.deepEqual(checked.input?.channel, { kind: 'email', recipients: { userIds: [], addresses: ['a@shop.example', 'b@shop.example'], customer: false } });
        assert.deepEqual(checked.input?.storm, { quietMinutes: 15, digestAbove: 10 });
        assert.equal(checked.input?.template.html, undefined, 'an empty HTML template is left out');
    });

    it('says what is wrong, field by field, in words', () => {
        const checked = checkRuleDraft({
            ...valid, name: ' ', addresses: 'not-an-address', quietMinutes: '-1', digestAbove: 'many', subject: 'Order {orderNumbr}', text: '',
            conditions: [{ property: '', comparison: 'equals', value: '' }]
        });
        assert.equal(checked.input, undefined);
        assert.deepEqual(Object.keys(checked.problems).sort(), ['addresses', 'conditions.0.property', 'digestAbove', 'name', 'quietMinutes', 'subject', 'text']);
        assert.match(checked.problems.addresses, /not-an-address/);
        assert.match(checked.problems.subject, /\{orderNumbr\}/);
        assert.equal(checked.problems.name, 'Name is required');
    });

    it('wants a recipient for e-mail and an endpoint for a webhook', () => {
        assert.ok(checkRuleDraft({ ...valid, addresses: '' }).problems.recipients);
        assert.ok(checkRuleDraft({ ...valid, addresses: '', customer: true }).input, 'the customer alone is a recipient');
        assert.ok(checkRuleDraft({ ...valid, channel: 'webhook' }).problems.endpointId);
        assert.deepEqual(checkRuleDraft({ ...valid, channel: 'webhook', endpointId: 'endpoint-1' }).input?.channel, { kind: 'webhook', endpointId: 'endpoint-1' });
    });

    it('edits a stored rule as it is, its template kept when the event changes', () => {
        const rule: NotificationRule = {
            id: 'rule-1', version: 3, name: 'Printers', enabled: false, event: 'printer.needs-attention', conditions: [{ property: 'reasonKeywords', comparison: 'contains', value: 'media-empty' }],
            channel: { kind: 'email', recipients: { userIds: ['user-1'], addresses: ['ops@shop.example'], customer: false } },
            template: { subject: '{printer}!', text: '{reason}' }, storm: { quietMinutes: 5, digestAbove: 3 }, builtIn: false,
            createdAt: '2026-12-05T10:00:00.000Z', updatedAt: '2026-12-05T10:00:00.000Z'
        };
        const draft = draftOfRule(rule);
        assert.deepEqual(checkRuleDraft(draft).input, {
            name: 'Printers', enabled: false, event: 'printer.needs-attention', conditions: rule.conditions, channel: rule.channel,
            template: { subject: '{printer}!', text: '{reason}' }, storm: { quietMinutes: 5, digestAbove: 3 }
        });
        assert.equal(withEvent(draft, 'printer.recovered').subject, '{printer}!');
    });

    it('takes the placeholders every message may name, and wants a number or a time to compare greater or less with', () => {
        assert.deepEqual(checkRuleDraft({ ...valid, subject: '{event} at {at}: {orderNumber}' }).problems, {});
        const checked = checkRuleDraft({ ...valid, conditions: [{ property: 'due', comparison: 'less-than', value: 'tomorrow' }] });
        assert.match(checked.problems['conditions.0.value'], /number or a date and time/);
        assert.ok(checkRuleDraft({ ...valid, conditions: [{ property: 'due', comparison: 'less-than', value: '2026-12-07T17:00:00Z' }] }).input);
    });
});
