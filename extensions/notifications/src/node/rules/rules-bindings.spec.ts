import * as assert from 'node:assert/strict';
import { EmbeddedWorkOwnership } from '@presswork/platform/lib/node/cluster/embedded-work-ownership';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { Container } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { MockLogger } from '@theia/core/lib/common/test/mock-logger';
import { NotificationChannelRegistry } from '@presswork/platform/lib/common/notification-channel-registry';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { openTempStore, type TempStore } from '@presswork/platform/lib/node/test/temp-store';
import backendModule from '../notifications-backend-module';
import { EventJournal, JournalRetention } from '../journal/event-journal';
import { NOTIFICATION_COLLECTIONS } from '../notifications-collections';
import { RuleBook } from './rule-book';
import { RulesLifecycle } from './rules-lifecycle';
import { FakeJournal, draft, ruleInput } from './test/rules-fixture';

describe('the rules\' bindings', () => {

    let temp: TempStore;

    beforeEach(async () => {
        temp = await openTempStore(NOTIFICATION_COLLECTIONS, 'presswork-rules-bindings-');
    });

    afterEach(() => temp.dispose());

    it('resolve from the backend module with the journal, the store and the channel registry beside them, and run', async () => {
        const container = new Container();
        container.load(backendModule);
        const journal = new FakeJournal();
        const delivered: string[] = [];
        container.rebind(EventJournal).toConstantValue(journal);
        const held: number[] = [];
        container.rebind(JournalRetention).toConstantValue({ holdFrom: (_consumer: string, seq: number) => held.push(seq) });
        container.bind(DocumentStore).toConstantValue(temp.store);
        container.bind(WorkOwnership).toConstantValue(new EmbeddedWorkOwnership());
        container.bind(ILogger).toConstantValue(new MockLogger());
        container.bind(NotificationChannelRegistry).toConstantValue({
            get: () => ({ kind: 'email', deliver: async (delivery: { id: string }) => { delivered.push(delivery.id); return { ok: true, detail: '250 OK' }; } })
        } as unknown as NotificationChannelRegistry);

        const lifecycle = container.get(RulesLifecycle);
        await lifecycle.start();
        await container.get(RuleBook).createRule(ruleInput());
        await journal.append([draft('job.error', 'job:j-1', new Date().toISOString())]);
        for (let turn = 0; turn < 200 && !delivered.length; turn++) {
            await new Promise(resolve => setTimeout(resolve, 10));
        }
        await lifecycle.stop();

        assert.equal(delivered.length, 1);
        // The journal's retention was told how far the dispatcher got.
        assert.equal(held[held.length - 1], 1);
    });
});
