/**
 * The job template (`IppJobTemplate`) and description (`IppJobDescription`) as IPP attributes,
 * each with the value tag RFC 8011 / PWG 5100.3 gives it. Checked here, at the boundary, so a bad
 * value fails with its field's name before anything is sent.
 */
import { z } from 'zod';
import { COLOR_MODES, SIDES } from '@presswork/platform/lib/common/job-ticket';
import { IppAttribute, IppCollection, ippAttribute } from './ipp-encoding';
import type { IppJobDescription, IppJobTemplate, IppMediaCol } from './ipp-job-template';

const keyword = z.string().min(1).max(255).regex(/^[a-z0-9][a-z0-9._-]*$/, 'an IPP keyword (lower case, digits, . _ -)');
const int32 = z.number().int().min(0).max(0x7fffffff);

const mediaColSchema = z.object({
    size: z.object({ xDimension: int32.min(1), yDimension: int32.min(1) }).optional(),
    type: keyword.optional(),
    weightMetric: int32.optional(),
    color: keyword.optional(),
    key: z.string().min(1).max(255).optional(),
    source: keyword.optional()
});

export const ippJobTemplateSchema = z.object({
    copies: z.number().int().min(1).max(0x7fffffff),
    sides: z.enum(SIDES as [string, ...string[]]),
    media: z.string().min(1).max(255).optional(),
    mediaCol: mediaColSchema.optional(),
    printColorMode: z.enum(COLOR_MODES as [string, ...string[]]).optional(),
    finishings: z.array(z.number().int().min(3).max(0x7fffffff)).optional()
});

export const ippJobDescriptionSchema = z.object({
    jobName: z.string().min(1).max(255),
    userName: z.string().min(1).max(255),
    documentFormat: z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, 'a MIME media type'),
    documentName: z.string().min(1).max(255).optional()
});

/** A failed check of a template or description, naming the field. */
export class IppJobAttributesError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'IppJobAttributesError';
    }
}

function check<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const result = schema.safeParse(value);
    if (!result.success) {
        const issue = result.error.issues[0];
        throw new IppJobAttributesError(`${what}.${issue.path.join('.') || '(value)'}: ${issue.message}`);
    }
    return result.data;
}

/** Operation attributes naming the job, its user and its document (after the charset, language and printer-uri). */
export function jobDescriptionAttributes(description: IppJobDescription, withDocument: boolean): IppAttribute[] {
    const checked = check(ippJobDescriptionSchema, description, 'job description');
    // requesting-user-name becomes the job's job-originating-user-name at the printer (RFC 8011 5.3.6).
    const attributes: IppAttribute[] = [
        ippAttribute('nameWithoutLanguage', 'requesting-user-name', checked.userName),
        ippAttribute('nameWithoutLanguage', 'job-name', checked.jobName)
    ];
    if (withDocument && checked.documentName) {
        attributes.push(ippAttribute('nameWithoutLanguage', 'document-name', checked.documentName));
    }
    attributes.push(ippAttribute('mimeMediaType', 'document-format', checked.documentFormat));
    return attributes;
}

/** The Job Template attributes (the job group of Print-Job / Validate-Job). */
export function jobTemplateAttributes(template: IppJobTemplate): IppAttribute[] {
    const checked = check(ippJobTemplateSchema, template, 'job template') as IppJobTemplate;
    const attributes: IppAttribute[] = [
        ippAttribute('integer', 'copies', checked.copies),
        ippAttribute('keyword', 'sides', checked.sides)
    ];
    // media and media-col conflict when both are given (PWG 5100.3 3.13): media-col wins.
    if (checked.mediaCol) {
        attributes.push(ippAttribute('collection', 'media-col', mediaColValue(checked.mediaCol)));
    } else if (checked.media) {
        attributes.push(ippAttribute(isKeyword(checked.media) ? 'keyword' : 'nameWithoutLanguage', 'media', checked.media));
    }
    if (checked.printColorMode) {
        attributes.push(ippAttribute('keyword', 'print-color-mode', checked.printColorMode));
    }
    if (checked.finishings?.length) {
        attributes.push(ippAttribute('enum', 'finishings', ...checked.finishings));
    }
    return attributes;
}

function mediaColValue(media: IppMediaCol): IppCollection {
    const members: Record<string, IppAttribute> = {};
    if (media.key) {
        members['media-key'] = ippAttribute(isKeyword(media.key) ? 'keyword' : 'nameWithoutLanguage', 'media-key', media.key);
    }
    if (media.size) {
        members['media-size'] = ippAttribute('collection', 'media-size', {
            'x-dimension': ippAttribute('integer', 'x-dimension', media.size.xDimension),
            'y-dimension': ippAttribute('integer', 'y-dimension', media.size.yDimension)
        });
    }
    if (media.type) {
        members['media-type'] = ippAttribute('keyword', 'media-type', media.type);
    }
    if (media.weightMetric !== undefined) {
        members['media-weight-metric'] = ippAttribute('integer', 'media-weight-metric', media.weightMetric);
    }
    if (media.color) {
        members['media-color'] = ippAttribute('keyword', 'media-color', media.color);
    }
    if (media.source) {
        members['media-source'] = ippAttribute('keyword', 'media-source', media.source);
    }
    return members;
}

/** Media names are keywords, but a printer may name a medium freely (type3 keyword | name). */
function isKeyword(value: string): boolean {
    return keyword.safeParse(value).success;
}
