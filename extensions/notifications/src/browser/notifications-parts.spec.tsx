import * as assert from 'node:assert/strict';
import * as React from '@theia/core/shared/react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Delivery, NotificationRule } from '../common/notifications-protocol';
import { DeliveryLog } from './delivery-log';
import { MessagePreviewView, sandboxedDocument } from './message-preview';
import { recipientsSummary } from './rules-table';

function delivery(fields: Partial<Delivery>): Delivery {
    return {
        id: 'delivery-1', version: 1, source: { kind: 'rule', ruleId: 'rule-1' }, channel: 'email', destination: { addresses: ['ops@shop.example'] },
        eventName: 'job.error', subject: 'job:j-1', eventSeqs: [7], moreEvents: 0, message: { subject: 'Order ORD-1: cards is in Error', text: 'x' },
        state: 'delivered', attempts: [], createdAt: '2026-12-05T10:00:00.000Z', expiresAt: '2026-12-06T10:00:00.000Z', ...fields
    };
}

describe('Notifications view parts', () => {
    it('shows a preview\'s HTML only inside a sandboxed frame that may fetch nothing', () => {
        const html = '<b>hi</b><script>alert(1)</script><img src="https://tracker.example/p.gif">';
        const markup = renderToStaticMarkup(<MessagePreviewView preview={{ subject: 'S', text: 'T <b>', html, unknownPlaceholders: [] }} />);
        assert.match(markup, /<iframe[^>]*sandbox=""/);
        assert.doesNotMatch(markup, /<script>/, 'the HTML is never part of the view\'s own markup');
        assert.match(markup, /T &lt;b&gt;/, 'the text is text');
        assert.match(sandboxedDocument(html), /default-src 'none'/);
    });

    it('names the placeholders the sample event lacks', () => {
        const markup = renderToStaticMarkup(<MessagePreviewView preview={{ subject: 'S', text: 'T', html: '', unknownPlaceholders: ['carrier'] }} />);
        assert.match(markup, /\{carrier\}/);
    });

    it('lists deliveries with their state and attempts, Redeliver for those no longer being tried', () => {
        const deliveries = [
            delivery({ id: 'd-1', state: 'failed', attempts: [{ at: '2026-12-05T10:00:01.000Z', ok: false, detail: 'connection refused', durationMs: 3.4 }] }),
            delivery({ id: 'd-2', state: 'pending', nextAttemptAt: '2026-12-05T10:05:00.000Z' })
        ];
        const markup = renderToStaticMarkup(<DeliveryLog deliveries={deliveries} onRedeliver={() => undefined} />);
        assert.match(markup, /: connection refused</);
        assert.match(markup, /Job in Error/);
        assert.equal(markup.match(/Redeliver/g)?.length, 1);
        assert.match(renderToStaticMarkup(<DeliveryLog deliveries={[]} onRedeliver={() => undefined} />), /Nothing sent yet/);
    });

    it('sums a rule\'s recipients up in a few words', () => {
        const rule = {
            channel: { kind: 'email', recipients: { userIds: ['u-1', 'u-2'], addresses: ['a@x.example', 'b@x.example', 'c@x.example'], customer: true } }
        } as NotificationRule;
        assert.equal(recipientsSummary(rule, [{ id: 'u-1', name: 'Ann', authority: 'Operator' }], []), 'Ann, u-2, a@x.example, b@x.example and 2 more');
        const webhook = { channel: { kind: 'webhook', endpointId: 'e-1' } } as NotificationRule;
        assert.equal(recipientsSummary(webhook, [], [{ id: 'e-1', name: 'Shop' } as never]), 'Shop');
    });
});
