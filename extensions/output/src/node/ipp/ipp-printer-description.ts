/**
 * Reads IPP printer and job attributes into the plain values the rest of Presswork uses
 * (`PrinterCapabilities`, `PrinterStatus`, `DeviceJobStatus`). Tolerant: an attribute a printer
 * leaves out or sends with an unexpected tag becomes an empty list or undefined, never an error.
 */
import type { DeviceJobState, DeviceJobStatus, PrinterCapabilities, PrinterDeviceState, PrinterStatus, ReadyMedia, SupplyLevel } from '@presswork/platform/lib/common/printer-capabilities';
import type { IppAttribute, IppCollection, IppValue } from './ipp-encoding';
import { mediaSizeName, mediaSizeOf } from '../../common/tickets/pwg-media-size';

/** Attributes of one group by name; the first of a name wins. */
export type IppAttributeMap = ReadonlyMap<string, IppAttribute>;

export function attributeMap(attributes: readonly IppAttribute[]): IppAttributeMap {
    const map = new Map<string, IppAttribute>();
    for (const attribute of attributes) {
        if (!map.has(attribute.name)) {
            map.set(attribute.name, attribute);
        }
    }
    return map;
}

type AttributeSource = IppAttributeMap | IppCollection;

function attributeOf(source: AttributeSource, name: string): IppAttribute | undefined {
    return source instanceof Map ? source.get(name) : (source as IppCollection)[name];
}

function valuesOf(source: AttributeSource, name: string): readonly IppValue[] {
    return attributeOf(source, name)?.values ?? [];
}

/** String values (keywords, names, texts, URIs…), text-with-language reduced to its text. */
export function strings(source: AttributeSource, name: string): string[] {
    return valuesOf(source, name).flatMap(value =>
        typeof value === 'string' ? [value]
            : value && typeof value === 'object' && 'text' in value && typeof value.text === 'string' ? [value.text] : []);
}

export function firstString(source: AttributeSource, name: string): string | undefined {
    return strings(source, name)[0];
}

export function integers(source: AttributeSource, name: string): number[] {
    return valuesOf(source, name).filter((value): value is number => typeof value === 'number');
}

export function firstInteger(source: AttributeSource, name: string): number | undefined {
    return integers(source, name)[0];
}

/** A dateTime value as ISO text; undefined when absent or not a valid time. */
function firstDate(source: AttributeSource, name: string): string | undefined {
    const value = valuesOf(source, name).find((candidate): candidate is Date => candidate instanceof Date);
    return value && Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
}

function collections(source: AttributeSource, name: string): IppCollection[] {
    const attribute = attributeOf(source, name);
    return attribute?.tag === 'collection' ? [...attribute.values] : [];
}

function octetStrings(source: AttributeSource, name: string): string[] {
    return valuesOf(source, name).flatMap(value =>
        value instanceof Uint8Array ? [Buffer.from(value).toString('utf8')] : typeof value === 'string' ? [value] : []);
}

const PRINTER_STATES: Readonly<Record<number, PrinterDeviceState>> = { 3: 'idle', 4: 'processing', 5: 'stopped' };
const JOB_STATES: Readonly<Record<number, DeviceJobState>> = {
    3: 'pending', 4: 'pending-held', 5: 'processing', 6: 'processing-stopped', 7: 'canceled', 8: 'aborted', 9: 'completed'
};

/** State reasons without the `none` placeholder. */
function reasons(source: AttributeSource, name: string): string[] {
    return strings(source, name).filter(reason => reason !== 'none');
}

export function printerCapabilities(printer: IppAttributeMap): PrinterCapabilities {
    const copies = attributeOf(printer, 'copies-supported');
    const copiesRange = copies?.tag === 'rangeOfInteger' ? copies.values[0] : undefined;
    const creation = strings(printer, 'job-creation-attributes-supported');
    return {
        makeAndModel: firstString(printer, 'printer-make-and-model'),
        documentFormats: strings(printer, 'document-format-supported'),
        copiesMax: copiesRange?.upper ?? firstInteger(printer, 'copies-supported') ?? 1,
        sidesSupported: strings(printer, 'sides-supported'),
        mediaSupported: strings(printer, 'media-supported'),
        mediaReady: readyMedia(printer),
        mediaTypesSupported: strings(printer, 'media-type-supported'),
        colorModesSupported: strings(printer, 'print-color-mode-supported'),
        finishingsSupported: integers(printer, 'finishings-supported'),
        mediaColSupported: creation.includes('media-col') || printer.has('media-col-supported'),
        identifyActionsSupported: strings(printer, 'identify-actions-supported'),
        operationsSupported: integers(printer, 'operations-supported')
    };
}

/** `media-col-ready` where the printer reports it; otherwise the names in `media-ready`. */
export function readyMedia(printer: IppAttributeMap): ReadyMedia[] {
    const described = collections(printer, 'media-col-ready');
    if (described.length) {
        return described.map(mediaFromCollection);
    }
    return strings(printer, 'media-ready').map(sizeName => ({ sizeName, ...mediaSizeOf(sizeName) }));
}

function mediaFromCollection(media: IppCollection): ReadyMedia {
    const size = collections(media, 'media-size')[0];
    const widthHmm = size ? firstInteger(size, 'x-dimension') : undefined;
    const heightHmm = size ? firstInteger(size, 'y-dimension') : undefined;
    const sizeName = firstString(media, 'media-size-name')
        ?? (widthHmm !== undefined && heightHmm !== undefined ? mediaSizeName(widthHmm, heightHmm) : undefined);
    return withoutUndefined({
        sizeName,
        widthHmm,
        heightHmm,
        type: firstString(media, 'media-type'),
        weightGsm: firstInteger(media, 'media-weight-metric'),
        color: firstString(media, 'media-color'),
        source: firstString(media, 'media-source'),
        key: firstString(media, 'media-key')
    });
}

export function printerStatus(printer: IppAttributeMap): PrinterStatus {
    return withoutUndefined({
        state: PRINTER_STATES[firstInteger(printer, 'printer-state') ?? 3] ?? 'idle',
        reasons: reasons(printer, 'printer-state-reasons'),
        message: firstString(printer, 'printer-state-message') || undefined,
        supplies: supplyLevels(printer),
        queuedJobs: firstInteger(printer, 'queued-job-count')
    });
}

/** From `printer-supply` (PWG 5100.13) where reported, else from the older `marker-*` attributes. */
export function supplyLevels(printer: IppAttributeMap): SupplyLevel[] {
    const supplies = octetStrings(printer, 'printer-supply');
    if (supplies.length) {
        const descriptions = strings(printer, 'printer-supply-description');
        return supplies.map((supply, index) => {
            const fields = new Map(supply.split(';').filter(Boolean).map(field => {
                const equals = field.indexOf('=');
                return [field.slice(0, equals).trim(), field.slice(equals + 1).trim()] as const;
            }));
            const level = Number(fields.get('level'));
            const max = Number(fields.get('maxcapacity') ?? 100);
            const colorant = fields.get('colorantname');
            const kind = fields.get('type');
            return withoutUndefined({
                name: descriptions[index] || [colorant, kind].filter(Boolean).join(' ') || `supply ${index + 1}`,
                kind,
                color: colorant && colorant !== 'unknown' ? colorant : undefined,
                // Negative levels mean "other", "unknown" or "some remaining" (RFC 3805 prtMarkerSuppliesLevel).
                percent: Number.isFinite(level) && level >= 0 && max > 0 ? Math.min(100, Math.round(level * 100 / max)) : undefined
            });
        });
    }
    const names = strings(printer, 'marker-names');
    const levels = integers(printer, 'marker-levels');
    const colors = strings(printer, 'marker-colors');
    const types = strings(printer, 'marker-types');
    return names.map((name, index) => withoutUndefined({
        name,
        kind: types[index],
        color: colors[index] && colors[index] !== 'none' ? colors[index] : undefined,
        percent: levels[index] !== undefined && levels[index] >= 0 ? Math.min(100, levels[index]) : undefined
    }));
}

export function deviceJobStatus(job: IppAttributeMap): DeviceJobStatus | undefined {
    const id = firstInteger(job, 'job-id');
    if (id === undefined) {
        return undefined;
    }
    return withoutUndefined({
        id,
        name: firstString(job, 'job-name'),
        state: JOB_STATES[firstInteger(job, 'job-state') ?? 3] ?? 'pending',
        reasons: reasons(job, 'job-state-reasons'),
        message: firstString(job, 'job-state-message') || undefined,
        impressionsCompleted: firstInteger(job, 'job-impressions-completed'),
        sheetsCompleted: firstInteger(job, 'job-media-sheets-completed'),
        userName: firstString(job, 'job-originating-user-name'),
        createdAt: firstDate(job, 'date-time-at-creation'),
        completedAt: firstDate(job, 'date-time-at-completed')
    });
}

/** The job-state keyword for an enum value, e.g. 9 → `completed`. */
export function jobStateName(value: number | undefined): DeviceJobState | undefined {
    return value === undefined ? undefined : JOB_STATES[value];
}

/** Drops undefined fields, so results compare and print cleanly. */
function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
