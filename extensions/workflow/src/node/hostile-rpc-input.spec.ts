import { describeHostileRpcInput } from '@presswork/platform/lib/node/rpc/test/hostile-rpc-input';
import { WorkflowServiceContract } from '../common/workflow-protocol';
import { approveStep, content } from './workflows/test/workflows-fixture';

const WORKFLOW = content('Business cards', { Prepare: [approveStep()] }, { jobDefaults: { media: 'Letter', copies: 2 }, jobOverrides: { duplex: true } });
const CUSTOM_ACTIVITY = { label: 'Print proofs', description: 'Proofs on the small printer', baseType: 'print', defaults: { copies: 1 } };

describeHostileRpcInput('WorkflowService', WorkflowServiceContract, {
    getWorkflow: [['workflow-1']],
    createWorkflow: [[WORKFLOW]],
    saveWorkflow: [['workflow-1', 4, WORKFLOW]],
    copyWorkflow: [['workflow-1']],
    renameWorkflow: [['workflow-1', 4, 'Posters']],
    deleteWorkflow: [['workflow-1', 4]],
    setWorkflowEnabled: [['workflow-1', true]],
    setJobDefaults: [['workflow-1', 4, { media: 'A4' }, { priority: 5 }]],
    exportWorkflows: [[['workflow-1', 'workflow-2']]],
    importWorkflows: [['{"workflows":[]}']],
    listVersions: [['workflow-1']],
    getVersion: [['workflow-1', 2]],
    restoreVersion: [['workflow-1', 4, 2]],
    createCustomActivity: [[CUSTOM_ACTIVITY]],
    updateCustomActivity: [['activity-1', 2, CUSTOM_ACTIVITY]],
    deleteCustomActivity: [['activity-1', 2]]
});
