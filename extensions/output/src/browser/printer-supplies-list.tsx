import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { PrinterState } from '../common/printer-state';

export type Supply = PrinterState['supplies'][number];

/** At or below this level a supply shows as low. */
export const LOW_SUPPLY_PERCENT = 10;

/** A supply's level in words: "40 %", "low: 8 %", or "level not reported". */
export function supplyLevelText(supply: Supply): string {
    if (supply.percent === undefined) {
        return nls.localize('presswork/output/supplyUnknown', 'level not reported');
    }
    const percent = Math.round(supply.percent);
    return percent <= LOW_SUPPLY_PERCENT
        ? nls.localize('presswork/output/supplyLow', 'low: {0} %', percent)
        : nls.localize('presswork/output/supplyPercent', '{0} %', percent);
}

/**
 * Supply levels where the printer reports them: a small bar (decoration only, hidden from screen
 * readers) beside the level in words, which is what a screen reader reads.
 */
export function PrinterSuppliesList(props: { printerName: string; supplies: readonly Supply[] }): React.ReactElement {
    if (!props.supplies.length) {
        return <span className='presswork-form-help' data-field='printerSupplies'>{nls.localize('presswork/output/suppliesNotReported', 'None reported')}</span>;
    }
    return <ul className='presswork-printer-list presswork-supplies' data-field='printerSupplies' aria-label={nls.localize('presswork/output/suppliesOf', 'Supplies of {0}', props.printerName)}>
        {props.supplies.map((supply, index) => {
            const low = supply.percent !== undefined && supply.percent <= LOW_SUPPLY_PERCENT;
            return <li key={index} className={low ? 'presswork-supply-low' : undefined}>
                <span className='presswork-supply-name'>{supply.name}</span>
                {supply.percent !== undefined && <span className='presswork-supply-bar' aria-hidden='true'>
                    <span style={{ width: `${Math.max(0, Math.min(100, supply.percent))}%`, ...(supply.color && /^#[0-9a-f]{3,8}$/i.test(supply.color) ? { background: supply.color } : {}) }} />
                </span>}
                <span className='presswork-supply-level'>{' '}{supplyLevelText(supply)}</span>
            </li>;
        })}
    </ul>;
}
