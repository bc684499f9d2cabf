import { z } from 'zod';
import { DocumentIdSchema } from '@presswork/platform/lib/common/identifiers';

/** `<jobId>.pdf`, checked before any path is built from it: a job id cannot form a path. */
export const PrintFileRequestSchema = z.object({
    file: z.string().regex(/^[^/\\]+\.pdf$/, 'must be <job id>.pdf').transform(file => file.slice(0, -'.pdf'.length)).pipe(DocumentIdSchema)
}).transform(({ file }) => ({ jobId: file }));
