import * as assert from 'node:assert/strict';
import { TemplateFormSchema } from './template-form-schema';

describe('the production template form', () => {

    const values = (change: Record<string, string> = {}): Record<string, string> => ({
        name: 'Business cards', description: '', connectionId: '', skuId: 'BC-STD', productId: '', productType: '', workflowId: 'wf-digital',
        media: '', duplex: '', priority: '', dueInHours: '', atRiskHours: '', enabled: 'true', ...change
    });

    const problems = (change: Record<string, string>): [string, string][] => {
        const parsed = TemplateFormSchema.safeParse(values(change));
        assert.ok(!parsed.success);
        return parsed.error.issues.map(issue => [issue.path.join('.'), issue.message]);
    };

    it('sends the priority and the at-risk hours as numbers, and empty fields as no value', () => {
        const input = TemplateFormSchema.parse(values({ priority: '1', dueInHours: '48', atRiskHours: '8' }));
        assert.deepEqual(input.defaults, { media: undefined, duplex: undefined, priority: 1, dueInHours: 48, atRiskHours: 8, properties: {} });
        const empty = TemplateFormSchema.parse(values());
        assert.equal(empty.defaults?.atRiskHours, undefined);
        assert.equal(empty.defaults?.priority, undefined);
    });

    it('puts each problem beside its field, as the service words it', () => {
        assert.deepEqual(problems({ atRiskHours: '1.5' }), [['atRiskHours', 'At risk must be a whole number']]);
        assert.deepEqual(problems({ atRiskHours: '0' }), [['atRiskHours', 'At risk is a whole number of hours from 1 to 720 (30 days)']]);
        assert.deepEqual(problems({ dueInHours: '24', atRiskHours: '30' }),
            [['atRiskHours', 'At risk must be fewer hours than Due in hours, or every job would be at risk as soon as it arrives']]);
        assert.deepEqual(problems({ priority: '11' }).map(([field]) => field), ['priority']);
    });
});
