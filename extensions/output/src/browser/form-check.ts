import { z } from 'zod';
import { nls } from '@theia/core/lib/common/nls';

/**
 * Ends a form dialog's schema: the form's values, once turned into what the service takes, are
 * checked with the service's own schema, so the dialog refuses what the service would refuse. Each
 * problem shows on the field it names (by that field's label) and the form gets `z.NEVER`. The
 * printer, pool and medium dialogs all end this way.
 */
export function checkedForService<T>(schema: z.ZodType<T>, input: unknown, labels: Readonly<Record<string, string>>, context: z.core.$RefinementCtx): T {
    const checked = schema.safeParse(input);
    if (!checked.success) {
        for (const issue of checked.error.issues) {
            const field = String(issue.path[0] ?? 'name');
            context.addIssue({ code: 'custom', path: [field], message: nls.localize('presswork/output/fieldProblem', '{0}: {1}', labels[field] ?? field, issue.message) });
        }
        return z.NEVER;
    }
    return checked.data;
}
