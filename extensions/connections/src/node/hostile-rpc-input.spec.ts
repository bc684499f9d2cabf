import { describeHostileRpcInput } from '@presswork/platform/lib/node/rpc/test/hostile-rpc-input';
import { ConnectionsServiceContract } from '../common/connections-protocol';

const CONNECTION = {
    name: 'Acme store', description: 'The Acme brand store', endpointUrl: 'https://acme.marcomcentral.example.com/services',
    orderToken: 'order-token-1234', closeoutToken: 'closeout-token-5678', timeZone: 'America/New_York',
    pollingIntervalSeconds: 600, firstLookBackHours: 48, enabled: true
};
const TEMPLATE = {
    name: 'Business cards', description: 'Cards on 16pt', connectionId: 'connection-1', match: { skuId: 'BC-16PT' }, workflowId: 'workflow-1',
    defaults: { media: '16pt gloss', duplex: true, priority: 3, dueInHours: 48, properties: { finishing: 'round corners' } }, enabled: true
};

describeHostileRpcInput('ConnectionsService', ConnectionsServiceContract, {
    createConnection: [[CONNECTION]],
    updateConnection: [['connection-1', 2, CONNECTION]],
    copyConnection: [['connection-1']],
    deleteConnection: [['connection-1', 2]],
    setConnectionEnabled: [['connection-1', true]],
    exportConnections: [[['connection-1']]],
    importConnections: [['{"connections":[]}']],
    testConnection: [['connection-1']],
    pollNow: [['connection-1']],
    connectionLog: [['connection-1']],
    listRejectedOrders: [['connection-1']],
    retryRejectedOrder: [['rejected-1']],
    createTemplate: [[TEMPLATE]],
    updateTemplate: [['template-1', 5, TEMPLATE]],
    deleteTemplate: [['template-1', 5]]
});
