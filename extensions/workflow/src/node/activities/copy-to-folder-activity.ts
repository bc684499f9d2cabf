import { injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import { ActivityContext, ActivityOutcome, messageOf } from '@presswork/platform/lib/common';
import { CopyToFolderActivity, CopyToFolderPropertiesSchema } from '../../common/supplied-activities';
import { isAbortError } from '@presswork/platform/lib/common/errors';
import { FileCollisionError, placeFile } from '@presswork/platform/lib/node/files/file-placement';
import { finishFileName, sanitiseFileNameComponent, splitExtension } from '@presswork/platform/lib/node/files/safe-file-name';
import { isRegularFile, locateJobFiles } from '@presswork/platform/lib/node/files/job-files';
import { PlaceholderValues, jobPlaceholders, substitutePlaceholders } from './placeholders';
import { DefinedActivity, failure } from '@presswork/platform/lib/common/defined-activity';

type CopyToFolderProperties = z.infer<typeof CopyToFolderPropertiesSchema>;

/**
 * Copy to Folder: copies each of the job's files into the folder under a name made from the
 * pattern. Job data can never lead outside the folder: every placeholder value is made a safe
 * name component and the final path is checked. A file appears whole or not at all.
 *
 * Safe to repeat: a file already there under the name with the same bytes counts as copied, so
 * a repeat after a crash neither numbers a second copy (keep-both) nor fails (fail).
 */
@injectable()
export class CopyToFolderActivityContribution extends DefinedActivity<CopyToFolderProperties> {
    constructor() {
        super(CopyToFolderActivity);
    }

    async execute(context: ActivityContext<CopyToFolderProperties>): Promise<ActivityOutcome> {
        const { folder, fileNamePattern, onCollision } = context.properties;
        const files = locateJobFiles(context.job, context.jobFolder);
        if (!files.length) {
            await context.log('The job has no files: nothing to copy');
            return { kind: 'continue' };
        }
        const jobValues = jobPlaceholders(context.job, context.order);
        for (const { file, path: source } of files) {
            context.signal.throwIfAborted();
            if (!await isRegularFile(source)) {
                return failure(`The job file ${file.name} is not in the job's folder`);
            }
            let name: string;
            try {
                const { stem, extension } = splitExtension(file.name);
                name = fileNameFromPattern(fileNamePattern, { ...jobValues, name: stem, ext: extension });
            } catch (error) {
                return failure(messageOf(error));
            }
            try {
                const placed = await placeFile({
                    source, folder, name, onCollision, owner: `${context.job.id}:${context.step.id}`, reuseIdentical: true, signal: context.signal
                });
                await context.log(placed.alreadyThere
                    ? `${file.name} is in ${folder} already as ${placed.path}`
                    : `Copied ${file.name} (${placed.bytes} bytes) to ${placed.path}`);
            } catch (error) {
                if (isAbortError(error) || context.signal.aborted) {
                    throw error;
                }
                return failure(error instanceof FileCollisionError
                    ? `${file.name} was not copied: ${error.message} and the rule is to fail`
                    : `${file.name} could not be copied to ${folder}: ${messageOf(error)}`);
            }
        }
        return { kind: 'continue' };
    }
}

/** The pattern with each placeholder's value made a safe file-name component, checked as a whole. */
export function fileNameFromPattern(pattern: string, values: PlaceholderValues): string {
    const safe = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, sanitiseFileNameComponent(value)]));
    return finishFileName(substitutePlaceholders(pattern, safe));
}
