import { z } from 'zod';

/** A zod error as one line that names each offending field, e.g. `jobs.0.copies: Too small`. */
export function describeZodError(error: z.ZodError): string {
    return error.issues
        .slice(0, 5)
        .map(issue => `${issue.path.length ? issue.path.join('.') : '(document)'}: ${issue.message}`)
        .join('; ') + (error.issues.length > 5 ? `; and ${error.issues.length - 5} more` : '');
}
