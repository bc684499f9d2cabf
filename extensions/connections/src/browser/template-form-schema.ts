import { z } from 'zod';
import { TemplateInput, TemplateInputSchema } from '../common/connections-protocol';

const optionalText = z.string().transform(text => text.trim() || undefined);
const optionalNumber = (label: string) => z.string().transform((text, context) => {
    if (!text.trim()) {
        return undefined;
    }
    const value = Number(text);
    if (!Number.isInteger(value)) {
        context.addIssue({ code: 'custom', message: `${label} must be a whole number` });
        return z.NEVER;
    }
    return value;
});

/** The form's text values, turned into a template for the service. */
export const TemplateFormSchema = z.object({
    name: z.string(),
    description: z.string(),
    connectionId: optionalText,
    skuId: optionalText,
    productId: optionalText,
    productType: optionalText,
    workflowId: z.string().min(1, 'Choose a workflow'),
    media: optionalText,
    duplex: z.enum(['', 'true', 'false']).transform(value => value === '' ? undefined : value === 'true'),
    priority: optionalNumber('Priority'),
    dueInHours: optionalNumber('Due in hours'),
    atRiskHours: optionalNumber('At risk'),
    enabled: z.enum(['true', 'false']).transform(value => value === 'true')
}).transform(({ skuId, productId, productType, media, duplex, priority, dueInHours, atRiskHours, ...rest }): TemplateInput => ({
    ...rest,
    match: { skuId, productId, productType },
    defaults: { media, duplex, priority, dueInHours, atRiskHours, properties: {} }
})).superRefine((input, context) => {
    const checked = TemplateInputSchema.safeParse(input);
    checked.error?.issues.forEach(issue => context.addIssue({ ...issue, path: formPathOf(issue.path) }));
});

/** The service's path of a problem (`match.productType`, `defaults.priority`) as the form field it is about. */
function formPathOf(path: readonly PropertyKey[]): PropertyKey[] {
    const [group, field] = path;
    return (group === 'match' || group === 'defaults') && field !== undefined ? path.slice(1) : [...path];
}
