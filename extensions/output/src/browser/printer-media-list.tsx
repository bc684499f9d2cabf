import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { PrinterState } from '../common/printer-state';
import { COMMON_MEDIA_SIZES, COMMON_MEDIA_TYPES, type Medium } from '../common/tickets/media-catalog';
import { mediaSizeName } from '../common/tickets/pwg-media-size';

export type ReadyMedium = PrinterState['mediaReady'][number];

const SIZE_LABELS = new Map(COMMON_MEDIA_SIZES.map(choice => [choice.value, choice.label]));
const TYPE_LABELS = new Map(COMMON_MEDIA_TYPES.map(choice => [choice.value, choice.label]));

function sizeText(medium: ReadyMedium): string | undefined {
    const sizeName = medium.sizeName ?? (medium.widthHmm && medium.heightHmm ? mediaSizeName(medium.widthHmm, medium.heightHmm) : undefined);
    const label = sizeName && SIZE_LABELS.get(sizeName);
    if (sizeName && label) {
        return nls.localize(`presswork/output/media/${sizeName}`, label);
    }
    if (medium.widthHmm && medium.heightHmm) {
        return nls.localize('presswork/output/sizeMm', '{0} × {1} mm', Math.round(medium.widthHmm / 10) / 10, Math.round(medium.heightHmm / 10) / 10);
    }
    return sizeName;
}

function typeText(type: string | undefined): string | undefined {
    const label = type && TYPE_LABELS.get(type);
    return label ? nls.localize(`presswork/output/media/${type}`, label) : type?.replace(/[-_]+/g, ' ');
}

/** The catalog medium a loaded medium is, when one matches by key, or by size and type (weight too when both say). */
export function catalogMediumOf(medium: ReadyMedium, catalog: readonly Medium[]): Medium | undefined {
    const sizeName = medium.sizeName ?? (medium.widthHmm && medium.heightHmm ? mediaSizeName(medium.widthHmm, medium.heightHmm) : undefined);
    return catalog.find(candidate => candidate.key !== undefined && candidate.key === medium.key)
        ?? catalog.find(candidate => candidate.sizeName === sizeName
            && (candidate.type ?? undefined) === (medium.type ?? undefined)
            && (candidate.weightGsm === undefined || medium.weightGsm === undefined || candidate.weightGsm === medium.weightGsm));
}

/** One loaded medium in words: "A4 (210 × 297 mm), Cardstock, 300 g/m², white (tray 1)". */
export function readyMediumText(medium: ReadyMedium): string {
    const parts = [
        sizeText(medium),
        typeText(medium.type),
        medium.weightGsm !== undefined ? nls.localize('presswork/output/weightGsm', '{0} g/m²', medium.weightGsm) : undefined,
        medium.color
    ].filter((part): part is string => !!part);
    const text = parts.length ? parts.join(', ') : nls.localize('presswork/output/mediumUnnamed', 'a medium the printer does not describe');
    return medium.source ? nls.localize('presswork/output/mediumInSource', '{0} ({1})', text, medium.source.replace(/[-_]+/g, ' ')) : text;
}

/** What the printer has loaded, each by its catalog name where it matches one. */
export function PrinterMediaList(props: { printerName: string; media: readonly ReadyMedium[]; catalog: readonly Medium[] }): React.ReactElement {
    if (!props.media.length) {
        return <span className='presswork-form-help' data-field='printerMedia'>{nls.localize('presswork/output/mediaNotReported', 'None reported')}</span>;
    }
    return <ul className='presswork-printer-list' data-field='printerMedia' aria-label={nls.localize('presswork/output/mediaReadyOf', 'Media ready in {0}', props.printerName)}>
        {props.media.map((medium, index) => {
            const named = catalogMediumOf(medium, props.catalog);
            return <li key={index}>
                {named && <strong>{named.name}{': '}</strong>}{readyMediumText(medium)}
            </li>;
        })}
    </ul>;
}
