import { nls } from '@theia/core/lib/common/nls';
import type { CloseoutPreparation, NotReadyItem, OrderLineView } from '../common/closeout-protocol';
import { isolatedIdentifier, isolatedText } from '@presswork/platform/lib/common/hidden-characters';
import { addressLines } from './closeout-format';

/** One thing the operator should know before the Closeout Order dialog opens; they may go on anyway. */
export interface CloseoutWarning {
    readonly kind: 'notReady' | 'underPrinted' | 'noShipTo';
    readonly text: string;
    /** What the warning names, one per line (for notReady: each line item not ready). */
    readonly items: readonly { readonly id: string; readonly jobId?: string; readonly text: string }[];
}

/** No ship-to address on the order nor on any line: the packing slip would say nowhere. */
export function lacksShipTo(preparation: Pick<CloseoutPreparation, 'details'>): boolean {
    return preparation.details.shipTo.every(address => addressLines(address).length === 0);
}

/** Line items whose job printed fewer copies than the line ordered. */
export function underPrintedLines(preparation: Pick<CloseoutPreparation, 'details'>): OrderLineView[] {
    return preparation.details.lines.filter(line => line.printed !== undefined && line.printed.copies < line.quantity);
}

function notReadyText(item: NotReadyItem): string {
    return item.jobId === undefined
        ? nls.localize('presswork/closeout/lineWithoutJob', '{0}: no job (never produced)', isolatedText(item.name))
        : nls.localize('presswork/closeout/lineState', '{0}: {1}', isolatedText(item.name), item.state);
}

/** The warnings "Closeout order…" shows before the dialog, in the order they are shown; empty when all is well. */
export function closeoutWarnings(preparation: Pick<CloseoutPreparation, 'details' | 'notReady'>): CloseoutWarning[] {
    const warnings: CloseoutWarning[] = [];
    // Store text in a plain-text dialog: isolated, hidden characters shown (a name cannot reorder the sentence).
    const orderNumber = isolatedIdentifier(preparation.details.orderNumber);
    if (preparation.notReady.length) {
        warnings.push({
            kind: 'notReady',
            text: nls.localize('presswork/closeout/notReady', 'Not every line item of order {0} is ready for closeout:', orderNumber),
            items: preparation.notReady.map(item => ({ id: item.lineItemId, jobId: item.jobId, text: notReadyText(item) }))
        });
    }
    const underPrinted = underPrintedLines(preparation);
    if (underPrinted.length) {
        warnings.push({
            kind: 'underPrinted',
            text: nls.localize('presswork/closeout/underPrinted', 'Fewer copies were printed than ordered for some line items of order {0}:', orderNumber),
            items: underPrinted.map(line => ({
                id: line.id, jobId: line.jobId,
                text: nls.localize('presswork/closeout/underPrintedLine', '{0}: {1} of {2} printed on {3}', isolatedText(line.productName), line.printed!.copies, line.quantity, line.printed!.printerName)
            }))
        });
    }
    if (lacksShipTo(preparation)) {
        warnings.push({
            kind: 'noShipTo',
            text: nls.localize('presswork/closeout/noShipTo', 'Order {0} has no ship-to address, neither on the order nor on its line items: the packing slip will name none.', orderNumber),
            items: []
        });
    }
    return warnings;
}
