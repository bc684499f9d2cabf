import { nls } from '@theia/core/lib/common/nls';
import { visibleIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { CloseoutPreparation, CloseoutProgress } from '../common/closeout-protocol';
import { failedPart, firstUnfinishedPart, hasStarted, partResultText, TAB_LABELS } from './closeout-form';
import { formatDateTime } from './closeout-format';

export interface CloseoutStatus {
    readonly kind: 'info' | 'success' | 'error';
    readonly text: string;
}

export interface CloseoutSituation {
    readonly orderNumber: string;
    readonly progress: CloseoutProgress;
    /** This dialog's attempt is under way. */
    readonly running: boolean;
    /** Why this dialog's last request was refused or failed (e.g. another operator is closing out). */
    readonly failure?: string;
}

/** The line at the top of the Closeout Order dialog: where the closeout stands, in words. */
export function closeoutStatus(situation: CloseoutSituation): CloseoutStatus | undefined {
    const { progress } = situation;
    // Spelled out, the order number has no bidi control left to reorder the sentence around it.
    const orderNumber = visibleIdentifier(situation.orderNumber);
    if (progress.closed) {
        return {
            kind: 'success', text: progress.closedBy
                ? nls.localize('presswork/closeout/closedBy', 'Order {0} is closed (by {1}, {2}).', orderNumber, progress.closedBy, formatDateTime(progress.closedAt))
                : nls.localize('presswork/closeout/closed', 'Order {0} is closed.', orderNumber)
        };
    }
    if (situation.running) {
        const part = firstUnfinishedPart(progress);
        return {
            kind: 'info', text: part
                ? nls.localize('presswork/closeout/closingOutPart', 'Closing out order {0}: {1}…', orderNumber, TAB_LABELS[part].toLowerCase())
                : nls.localize('presswork/closeout/closingOut', 'Closing out order {0}…', orderNumber)
        };
    }
    if (situation.failure) {
        return { kind: 'error', text: situation.failure };
    }
    if (progress.runningBy) {
        return { kind: 'info', text: nls.localize('presswork/closeout/closingOutBy', '{0} is closing out order {1} (since {2}).', progress.runningBy, orderNumber, formatDateTime(progress.runningSince)) };
    }
    const failed = failedPart(progress);
    const resumeAt = firstUnfinishedPart(progress);
    const resume = resumeAt ? ` ${nls.localize('presswork/closeout/resumesFrom', 'Try again resumes from the {0}.', TAB_LABELS[resumeAt].toLowerCase())}` : '';
    if (failed) {
        return { kind: 'error', text: `${partResultText(failed, progress)}.${resume}` };
    }
    if (hasStarted(progress)) {
        return { kind: 'info', text: `${nls.localize('presswork/closeout/stoppedEarlier', 'An earlier attempt stopped before the end.')}${resume}` };
    }
    return undefined;
}

/** Why an order cannot be closed out here; an order shipping to several addresses goes to MarcomCentral. */
export function blockedMessage(preparation: Pick<CloseoutPreparation, 'blocked' | 'details'>): string | undefined {
    if (!preparation.blocked) {
        return undefined;
    }
    // The backend's reason quotes store text (the order number): a bidi control in it would reorder the reason.
    const blocked = visibleIdentifier(preparation.blocked);
    const severalAddresses = preparation.details.shipTo.length > 1;
    return severalAddresses && !/MarcomCentral/i.test(blocked)
        ? `${blocked} ${nls.localize('presswork/closeout/closeOutInMarcomCentral', 'It cannot be closed out here: close it out in MarcomCentral.')}`
        : blocked;
}
