import { describeHostileRpcInput } from '@presswork/platform/lib/node/rpc/test/hostile-rpc-input';
import { JobActionServiceContract, JobQueryServiceContract, SavedViewServiceContract } from '../common/jobs-protocol';

const QUERY = { sort: [{ field: 'receivedAt', direction: 'desc' }], text: 'ACME', facets: {} };
const VIEW = { name: 'Rush jobs', columns: [{ id: 'name', width: 200 }, { id: 'state', width: 120 }], query: QUERY };
const EDIT = {
    base: { name: 'Cards', copies: 100, due: '2026-07-02T17:00:00Z', properties: { media: 'Letter' } },
    changes: { name: 'Cards (rush)', copies: 250, due: null, properties: { media: 'A4' }, removedProperties: ['finishing'] }
};

describeHostileRpcInput('JobQueryService', JobQueryServiceContract, {
    window: [[{ query: QUERY, offset: 0, limit: 100 }], [{ query: { ...QUERY, groupBy: 'orderNumber', collapsed: ['ACME-1'] }, offset: 20, limit: 50 }]],
    orderSummary: [['order-1']],
    matchingJobIds: [[QUERY, ['job-1', 'job-2']]]
});

describeHostileRpcInput('JobActionService', JobActionServiceContract, {
    hold: [[['job-1', 'job-2']]],
    reject: [[['job-1'], 'The proof is blurred']],
    moveToWorkflow: [[['job-1'], 'workflow-2']],
    delete: [[['job-1']]],
    details: [['job-1']],
    log: [['job-1']],
    editJob: [['job-1', EDIT]]
});

describeHostileRpcInput('SavedViewService', SavedViewServiceContract, {
    create: [[VIEW]],
    update: [['view-1', 3, VIEW]],
    delete: [['view-1', 3]],
    setShared: [['view-1', true]],
    setShopDefault: [['view-1'], []],
    setMyDefault: [['view-1']]
});
