import * as assert from 'node:assert/strict';
import type { JobFlow, PrintingFlow } from '@presswork/platform/lib/common/job-flow';
import type { User } from '@presswork/platform/lib/common/user-schema';
import type { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import { inject } from '@presswork/platform/lib/node/test/inject';
import { OutputServiceImpl } from './output-service-impl';

describe('OutputService: Print again and Mark printed', () => {
    function service(calls: string[]): OutputServiceImpl {
        const caller = { user: () => ({ name: 'olivia' }) as User, sessionId: 's1' } as RpcCaller;
        const jobFlow = { processAgain: async (jobId: string, by: string) => { calls.push(`processAgain ${jobId} by ${by}`); } } as unknown as JobFlow;
        const printingFlow = { markPrinted: async (jobId: string, by: string) => { calls.push(`markPrinted ${jobId} by ${by}`); } } as unknown as PrintingFlow;
        return inject(new OutputServiceImpl(), { caller, jobFlow, printingFlow });
    }

    it('runs the job\'s Print step again through JobFlow, naming the signed-in user', async () => {
        const calls: string[] = [];
        await service(calls).printAgain('job-1');
        assert.deepEqual(calls, ['processAgain job-1 by olivia']);
    });

    it('marks an uncertain print printed through PrintingFlow, naming the signed-in user', async () => {
        const calls: string[] = [];
        await service(calls).markPrinted('job-1');
        assert.deepEqual(calls, ['markPrinted job-1 by olivia']);
    });
});
