/**
 * One IPP printer, by its URI, in Presswork's terms: what it can do and how it is, print a file
 * with a job template, follow, list and cancel its jobs, make it identify itself. The wire format
 * and the transport are `ipp-encoding.ts` and `ipp-client.ts`; this class only chooses operations
 * and attributes.
 */
import type { DeviceJobState, DeviceJobStatus, PrinterCapabilities, PrinterStatus } from '@presswork/platform/lib/common/printer-capabilities';
import { IppClient, IppClientOptions, IppStatusError, IppTransportError } from './ipp-client';
import { IppAttribute, IppGroup, IppMessage, ippAttribute } from './ipp-encoding';
import { jobDescriptionAttributes, jobTemplateAttributes } from './ipp-job-attributes';
import type { IppJobDescription, IppJobTemplate } from './ipp-job-template';
import { IppOperation, IppStatus } from './ipp-operations';
import { attributeMap, deviceJobStatus, firstInteger, jobStateName, printerCapabilities, printerStatus, strings } from './ipp-printer-description';

export interface IppPrinterOptions extends IppClientOptions {
    /** Overall time for Print-Job, whose document may be large (default 10 minutes). */
    readonly printTimeoutMs?: number;
    /** `requesting-user-name` for queries and cancels (default `presswork`). */
    readonly userName?: string;
}

export interface IppPrintResult {
    readonly jobId: number;
    readonly state: DeviceJobState;
    readonly reasons: readonly string[];
    /** Attributes the printer ignored or substituted (status successful-ok-ignored-or-substituted-attributes). */
    readonly ignoredAttributes: readonly string[];
}

export type WhichJobs = 'not-completed' | 'completed' | 'all';

const STATUS_ATTRIBUTES = [
    'printer-state', 'printer-state-reasons', 'printer-state-message', 'queued-job-count',
    'printer-supply', 'printer-supply-description', 'marker-names', 'marker-levels', 'marker-colors', 'marker-types'
];
const JOB_ATTRIBUTES = [
    'job-id', 'job-name', 'job-state', 'job-state-reasons', 'job-state-message', 'job-originating-user-name',
    'job-impressions-completed', 'job-media-sheets-completed', 'date-time-at-creation', 'date-time-at-completed'
];

export class IppPrinter {
    protected readonly client: IppClient;

    constructor(uri: string, protected readonly options: IppPrinterOptions = {}) {
        this.client = new IppClient(uri, options);
    }

    /** The printer's URI without credentials. */
    get uri(): string {
        return this.client.printerUri;
    }

    /** Capabilities and status from one Get-Printer-Attributes. */
    async describe(signal?: AbortSignal): Promise<{ capabilities: PrinterCapabilities; status: PrinterStatus }> {
        const printer = await this.printerAttributes(['all', 'media-col-ready'], signal);
        return { capabilities: printerCapabilities(printer), status: printerStatus(printer) };
    }

    async capabilities(signal?: AbortSignal): Promise<PrinterCapabilities> {
        return printerCapabilities(await this.printerAttributes(['printer-description', 'job-template', 'media-col-ready'], signal));
    }

    async status(signal?: AbortSignal): Promise<PrinterStatus> {
        return printerStatus(await this.printerAttributes(STATUS_ATTRIBUTES, signal));
    }

    /** Print-Job: the file is streamed after the attributes. */
    async printJob(filePath: string, description: IppJobDescription, template: IppJobTemplate, signal?: AbortSignal): Promise<IppPrintResult> {
        const response = await this.client.send({
            operation: IppOperation.PrintJob,
            groups: this.jobRequestGroups(description, template, true),
            documentPath: filePath,
            signal,
            timeoutMs: this.options.printTimeoutMs ?? 10 * 60_000
        });
        const job = attributeMap(groupAttributes(response, 'job'));
        const jobId = firstInteger(job, 'job-id');
        if (jobId === undefined) {
            throw new IppTransportError('protocol', this.uri, `The printer ${this.uri} accepted the job but sent no job-id`);
        }
        return {
            jobId,
            state: jobStateName(firstInteger(job, 'job-state')) ?? 'pending',
            reasons: strings(job, 'job-state-reasons').filter(reason => reason !== 'none'),
            ignoredAttributes: response.code === IppStatus.okIgnoredOrSubstituted ? groupAttributes(response, 'unsupported').map(attribute => attribute.name) : []
        };
    }

    /** Validate-Job: would the printer take this job? Fails with IppStatusError if not. */
    async validateJob(description: IppJobDescription, template: IppJobTemplate, signal?: AbortSignal): Promise<void> {
        await this.client.send({ operation: IppOperation.ValidateJob, groups: this.jobRequestGroups(description, template, false), signal });
    }

    /** The job as the printer reports it; undefined when the printer does not know it (any more). */
    async job(jobId: number, signal?: AbortSignal): Promise<DeviceJobStatus | undefined> {
        try {
            const response = await this.client.send({
                operation: IppOperation.GetJobAttributes,
                groups: [this.operationGroup(
                    ippAttribute('integer', 'job-id', jobId),
                    ippAttribute('nameWithoutLanguage', 'requesting-user-name', this.userName),
                    ippAttribute('keyword', 'requested-attributes', ...JOB_ATTRIBUTES))],
                signal
            });
            return deviceJobStatus(attributeMap(groupAttributes(response, 'job')));
        } catch (error) {
            if (error instanceof IppStatusError && (error.statusCode === IppStatus.notFound || error.statusCode === IppStatus.gone)) {
                return undefined;
            }
            throw error;
        }
    }

    /** Get-Jobs for everyone's jobs, newest information per job. */
    async jobs(which: WhichJobs = 'not-completed', signal?: AbortSignal): Promise<DeviceJobStatus[]> {
        const response = await this.client.send({
            operation: IppOperation.GetJobs,
            groups: [this.operationGroup(
                ippAttribute('nameWithoutLanguage', 'requesting-user-name', this.userName),
                ippAttribute('keyword', 'which-jobs', which),
                ippAttribute('boolean', 'my-jobs', false),
                ippAttribute('keyword', 'requested-attributes', ...JOB_ATTRIBUTES))],
            signal
        });
        // Each job is a group of its own (RFC 8011 4.2.6.2).
        return response.groups
            .filter(group => group.tag === 'job')
            .flatMap(group => deviceJobStatus(attributeMap(group.attributes)) ?? []);
    }

    async cancelJob(jobId: number, signal?: AbortSignal): Promise<void> {
        await this.client.send({
            operation: IppOperation.CancelJob,
            groups: [this.operationGroup(
                ippAttribute('integer', 'job-id', jobId),
                ippAttribute('nameWithoutLanguage', 'requesting-user-name', this.userName))],
            signal
        });
    }

    /** Identify-Printer (PWG 5100.13): beep, flash or show a message, as the printer supports. */
    async identify(actions?: readonly string[], message?: string, signal?: AbortSignal): Promise<void> {
        const attributes: IppAttribute[] = [ippAttribute('nameWithoutLanguage', 'requesting-user-name', this.userName)];
        if (actions?.length) {
            attributes.push(ippAttribute('keyword', 'identify-actions', ...actions));
        }
        if (message) {
            attributes.push(ippAttribute('textWithoutLanguage', 'message', message));
        }
        await this.client.send({ operation: IppOperation.IdentifyPrinter, groups: [this.operationGroup(...attributes)], signal });
    }

    protected get userName(): string {
        return this.options.userName ?? 'presswork';
    }

    protected async printerAttributes(requested: readonly string[], signal?: AbortSignal): Promise<ReturnType<typeof attributeMap>> {
        const response = await this.client.send({
            operation: IppOperation.GetPrinterAttributes,
            groups: [this.operationGroup(
                ippAttribute('nameWithoutLanguage', 'requesting-user-name', this.userName),
                ippAttribute('keyword', 'requested-attributes', ...requested))],
            signal
        });
        return attributeMap(groupAttributes(response, 'printer'));
    }

    protected jobRequestGroups(description: IppJobDescription, template: IppJobTemplate, withDocument: boolean): IppGroup[] {
        const job = jobTemplateAttributes(template);
        return [
            this.operationGroup(...jobDescriptionAttributes(description, withDocument)),
            { tag: 'job', attributes: job }
        ];
    }

    /** The operation group every request starts with (RFC 8011 4.1.4, 4.1.5). */
    protected operationGroup(...attributes: IppAttribute[]): IppGroup {
        return {
            tag: 'operation',
            attributes: [
                ippAttribute('charset', 'attributes-charset', 'utf-8'),
                ippAttribute('naturalLanguage', 'attributes-natural-language', 'en'),
                ippAttribute('uri', 'printer-uri', this.uri),
                ...attributes
            ]
        };
    }
}

function groupAttributes(message: IppMessage, tag: IppGroup['tag']): readonly IppAttribute[] {
    return message.groups.filter(group => group.tag === tag).flatMap(group => group.attributes);
}
