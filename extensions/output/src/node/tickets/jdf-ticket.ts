import * as path from 'node:path';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { Finishing, JobTicket, Sides, TicketMedia } from '@presswork/platform/lib/common/job-ticket';
import { mediaSizeOf } from '../../common/tickets/pwg-media-size';
import { plainTicketText } from '../../common/tickets/ticket-text';

/**
 * A JDF 1.x job ticket for a DFE's hot folder, written beside the PDF it describes (the DFE reads
 * the ticket, then finds the PDF by the relative URL in it): one Combined node in the shape of the
 * CIP4 Integrated Digital Printing ICS (layout preparation, interpreting, rendering, digital
 * printing, then any finishing), with the resources a DFE needs to print as the ticket says.
 *
 * Not checked against CIP4's checkJDF, so it claims no ICS conformance level (no ICSVersions).
 * Finishing intents are simplified: one parameter resource per finishing process with the one
 * attribute that names it (a corner staple, a saddle stitch, two holes, a single fold); positions,
 * counts and catalogue details are left to the DFE's defaults for that process.
 */

const JDF_NAMESPACE = 'http://www.CIP4.org/JDFSchema_1_1';
/** CustomerInfo as a linked resource needs JDF 1.3. */
const JDF_VERSION = '1.3';
const PRINTING_TYPES = ['LayoutPreparation', 'Interpreting', 'Rendering', 'DigitalPrinting'];

const SIDES: Readonly<Record<Sides, string>> = {
    'one-sided': 'OneSidedFront',
    // Head to head: the back page's top is behind the front page's top, turned on the long edge (portrait).
    'two-sided-long-edge': 'TwoSidedHeadToHead',
    'two-sided-short-edge': 'TwoSidedHeadToFoot'
};

interface FinishingProcess {
    readonly type: string;
    readonly resource: string;
    readonly attributes: Readonly<Record<string, string>>;
}

/** Simplified intents (see above): the process and the one attribute that says which kind. */
const FINISHING_PROCESSES: Readonly<Record<Finishing, FinishingProcess>> = {
    'staple': { type: 'Stitching', resource: 'StitchingParams', attributes: { StitchType: 'Corner', NumberOfStitches: '1' } },
    'staple-top-left': { type: 'Stitching', resource: 'StitchingParams', attributes: { StitchType: 'Corner', NumberOfStitches: '1', ReferenceEdge: 'Left' } },
    'saddle-stitch': { type: 'Stitching', resource: 'StitchingParams', attributes: { StitchType: 'Saddle' } },
    'punch': { type: 'HoleMaking', resource: 'HoleMakingParams', attributes: { HoleType: 'R2-generic' } },
    'punch-dual-left': { type: 'HoleMaking', resource: 'HoleMakingParams', attributes: { HoleType: 'R2-generic', HoleReferenceEdge: 'Left' } },
    'fold': { type: 'Folding', resource: 'FoldingParams', attributes: { FoldCatalog: 'F4-1' } },
    'bind': { type: 'AdhesiveBinding', resource: 'AdhesiveBindingParams', attributes: {} },
    'trim': { type: 'Trimming', resource: 'TrimmingParams', attributes: {} }
};

export interface JdfTicketInput {
    readonly ticket: JobTicket;
    /** The PDF's file name as it lies beside the JDF in the hot folder (a name, not a path). */
    readonly pdfFileName: string;
    /** Presswork's job id, as the JDF's JobID, so the DFE's reports can be traced back. */
    readonly jobId?: string;
    /** The order number, as CustomerInfo's CustomerOrderID. */
    readonly orderNumber?: string;
}

/** The JDF file's name for a PDF: same base name, `.jdf`, so the two sort and travel together. */
export function jdfFileNameFor(pdfFileName: string): string {
    const extension = path.extname(pdfFileName);
    return `${extension ? pdfFileName.slice(0, -extension.length) : pdfFileName}.jdf`;
}

/**
 * The JDF document as UTF-8 text. Every value goes through the XML builder, which escapes it;
 * characters XML 1.0 cannot hold are removed first, and the builder's well-formedness check
 * refuses anything left that would make the file unreadable.
 */
export function jdfTicketOf({ ticket, pdfFileName, jobId, orderNumber }: JdfTicketInput): string {
    if (!pdfFileName || pdfFileName === '.' || pdfFileName === '..' || path.basename(pdfFileName) !== pdfFileName) {
        throw new Error(`The JDF must name the PDF beside it, not ${JSON.stringify(pdfFileName)}`);
    }
    const finishing = finishingProcessesOf(ticket.finishings);
    const types = [...PRINTING_TYPES, ...new Set(finishing.map(process => process.type))];
    const jobName = xmlText(ticket.jobName);

    const document = create({ version: '1.0', encoding: 'UTF-8' });
    const jdf = document.ele(JDF_NAMESPACE, 'JDF', {
        ID: 'n_0001',
        Type: 'Combined',
        Types: types.join(' '),
        Version: JDF_VERSION,
        Status: 'Waiting',
        JobPartID: '1',
        ...(jobId ? { JobID: xmlText(jobId) } : {}),
        DescriptiveName: jobName,
        AgentName: 'Presswork'
    });

    const resources = jdf.ele('ResourcePool');
    const links = jdf.ele('ResourceLinkPool');
    const resource = (name: string, id: string, resourceClass: string, attributes: Record<string, string> = {}, usage = 'Input'): XMLBuilder => {
        links.ele(`${name}Link`, { rRef: id, Usage: usage });
        return resources.ele(name, { ID: id, Class: resourceClass, Status: 'Available', ...attributes });
    };

    resource('RunList', 'r_document', 'Parameter')
        .ele('LayoutElement')
        // A relative URL: the DFE resolves it against the JDF's own location, the hot folder.
        .ele('FileSpec', { URL: encodeURIComponent(pdfFileName), MimeType: ticket.documentFormat });
    resource('LayoutPreparationParams', 'r_layout', 'Parameter', { Sides: SIDES[ticket.sides] });
    resource('InterpretingParams', 'r_interpreting', 'Parameter');
    resource('RenderingParams', 'r_rendering', 'Parameter');
    // Collated sets, as IPP prints copies of a multi-page document unless told otherwise.
    resource('DigitalPrintingParams', 'r_printing', 'Parameter', { Collate: 'Sheet' });
    if (ticket.media) {
        resource('Media', 'r_media', 'Consumable', mediaAttributesOf(ticket.media));
    }
    if (ticket.colorMode === 'color' || ticket.colorMode === 'monochrome') {
        resource('ColorantControl', 'r_colorants', 'Parameter', { ProcessColorModel: ticket.colorMode === 'color' ? 'DeviceCMYK' : 'DeviceGray' });
    }
    finishing.forEach((process, index) => resource(process.resource, `r_finishing_${index + 1}`, 'Parameter', { ...process.attributes }));
    const customer = resource('CustomerInfo', 'r_customer', 'Parameter', {
        CustomerJobName: jobName,
        ...(orderNumber ? { CustomerOrderID: xmlText(orderNumber) } : {})
    });
    customer.ele('Contact', { ContactTypes: 'Customer' }).ele('Person', { DescriptiveName: xmlText(ticket.userName) });

    resources.ele('Component', { ID: 'r_output', Class: 'Quantity', Status: 'Unavailable', ComponentType: 'FinalProduct', DescriptiveName: jobName });
    // The amount lives on the output link: copies of the whole document.
    links.ele('ComponentLink', { rRef: 'r_output', Usage: 'Output', Amount: String(ticket.copies) });

    return document.end({ prettyPrint: true, wellFormed: true });
}

function finishingProcessesOf(finishings: readonly Finishing[]): FinishingProcess[] {
    return finishings.map(finishing => FINISHING_PROCESSES[finishing]);
}

/** Media/@Dimension in points (1/72 in), width then height, as JDF measures. */
function mediaAttributesOf(media: TicketMedia): Record<string, string> {
    const size = media.widthHmm !== undefined && media.heightHmm !== undefined
        ? { widthHmm: media.widthHmm, heightHmm: media.heightHmm }
        : mediaSizeOf(media.sizeName);
    return {
        ...(size ? { Dimension: `${points(size.widthHmm)} ${points(size.heightHmm)}` } : {}),
        MediaType: jdfMediaTypeOf(media.type),
        // The PWG keyword as the shop's own name for the type; JDF's MediaType has no word for most of them.
        ...(media.type ? { UserMediaType: xmlText(media.type) } : {}),
        ...(media.weightGsm !== undefined ? { Weight: String(media.weightGsm) } : {}),
        ...(media.color ? { MediaColorName: jdfColorNameOf(media.color), MediaColorNameDetails: xmlText(media.color) } : {}),
        ...(media.label ? { DescriptiveName: xmlText(media.label) } : {}),
        // The printer's media-key: what a DFE's paper catalog may know the medium by.
        ...(media.key ? { ProductID: xmlText(media.key) } : {})
    };
}

function points(hundredthsOfMm: number): string {
    return String(Math.round(hundredthsOfMm / 2540 * 72 * 100) / 100);
}

/** JDF's coarse Media/@MediaType: self-adhesive labels and film are told apart from paper. */
function jdfMediaTypeOf(type: string | undefined): string {
    if (type?.startsWith('labels')) {
        return 'SelfAdhesive';
    }
    if (type === 'transparency' || type?.startsWith('film')) {
        return 'Film';
    }
    return 'Paper';
}

/** JDF's NamedColor values are PWG's colour keywords in camel case (light-blue → LightBlue); the keyword itself goes in the details. */
function jdfColorNameOf(color: string): string {
    return xmlText(color).split(/[-_.]/).map(part => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** Text without the characters XML 1.0 cannot carry (controls) or a DFE would show wrongly (bidi). */
function xmlText(text: string): string {
    // With the u flag a surrogate class matches only a lone half, never a proper pair.
    return plainTicketText(text).replace(/[\uD800-\uDFFF\uFFFE\uFFFF]/gu, '');
}
