import * as React from '@theia/core/shared/react';
import { Dialog, DialogError, DialogMode, DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import type { Message } from '@theia/core/lib/browser/widgets';
import { nls } from '@theia/core/lib/common/nls';
import type { DocumentDelta } from '@presswork/platform/lib/common/change-feed-protocol';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { ChangeFeedService } from '@presswork/platform/lib/browser/change-feed-service';
import { CloseoutCollectionNames } from '../common/closeout-collections';
import { CloseoutPart, CloseoutPreparation, CloseoutProgress, CloseoutService } from '../common/closeout-protocol';
import { CloseoutContent } from './closeout-content';
import {
    CLOSEOUT_FIELDS, checkCloseoutForm, CloseoutField, CloseoutFormValues, failedPart, firstProblem, formValuesOf, hasStarted, newerProgress
} from './closeout-form';
import { closeoutStatus } from './closeout-status';
import type { DocumentOpener } from './order-parts';

export interface CloseoutDialogServices {
    readonly service: CloseoutService;
    readonly feed: ChangeFeedService;
    readonly opener: DocumentOpener;
}

/**
 * Closeout Order: a tab per part (packing slip, invoice, settlement for card orders). OK sends the
 * parts in order on the backend; each part's progress arrives over the change feed and its result
 * is shown on its tab. A failed attempt is tried again from its first unfinished part.
 */
export class CloseoutDialog extends ReactDialog<CloseoutProgress> {
    protected readonly values: CloseoutFormValues;
    protected readonly touched = new Set<CloseoutField>();
    protected showAllErrors = false;
    protected progress: CloseoutProgress;
    protected running = false;
    protected failure: string | undefined;
    protected activeTab: CloseoutPart = 'packingSlip';

    constructor(protected readonly preparation: CloseoutPreparation, protected readonly services: CloseoutDialogServices) {
        super({ title: nls.localize('presswork/closeout/closeoutDialogTitle', 'Closeout Order: {0}', isolatedIdentifier(preparation.details.orderNumber)), maxWidth: 960 } as DialogProps);
        this.addClass('presswork-closeout-dialog');
        this.progress = preparation.progress;
        this.values = formValuesOf(preparation.progress.input ?? preparation.proposal);
        this.activeTab = failedPart(this.progress) ?? 'packingSlip';
        this.appendCloseButton(Dialog.CANCEL);
        this.appendAcceptButton(Dialog.OK);
    }

    get value(): CloseoutProgress {
        return this.progress;
    }

    protected get orderId(): string {
        return this.preparation.orderId;
    }

    /** Numbers sent by an earlier attempt stay as they were: a retry reuses them. */
    protected get fixed(): boolean {
        return this.progress.input !== undefined || this.preparation.progress.input !== undefined;
    }

    protected override onAfterAttach(msg: Message): void {
        super.onAfterAttach(msg);
        this.toDisposeOnDetach.push(this.services.feed.watch(CloseoutCollectionNames.closeouts, deltas => this.onDeltas(deltas)));
        // The feed only tells what changes from now on: catch up with what happened before it listened.
        this.services.service.progress(this.orderId).then(progress => this.showProgress(progress), () => undefined);
    }

    protected onDeltas(deltas: DocumentDelta[]): void {
        for (const delta of deltas) {
            if (delta.id === this.orderId && isProgressOf(delta.document, this.orderId)) {
                this.showProgress(delta.document);
            }
        }
    }

    protected showProgress(progress: CloseoutProgress): void {
        this.progress = newerProgress(this.progress, progress);
        this.update();
    }

    protected override isValid(_value: CloseoutProgress, mode: DialogMode): DialogError {
        if (this.progress.closed) {
            return '';
        }
        if (this.running) {
            return false;
        }
        const problem = firstProblem(checkCloseoutForm(this.values));
        if (!problem) {
            return '';
        }
        // OK stays off while a field is invalid; the words appear once the operator has typed or pressed OK.
        return mode === 'open' || this.showAllErrors || this.touched.size ? problem : { message: '', result: false };
    }

    protected override async accept(): Promise<void> {
        if (this.progress.closed) {
            return super.accept();
        }
        if (this.running) {
            return;
        }
        const check = checkCloseoutForm(this.values);
        if (!check.input) {
            this.showAllErrors = true;
            const field = (Object.keys(CLOSEOUT_FIELDS) as CloseoutField[]).find(candidate => check.errors[candidate]);
            this.activeTab = field ? CLOSEOUT_FIELDS[field].tab : this.activeTab;
            this.update();
            return;
        }
        this.running = true;
        this.failure = undefined;
        this.update();
        try {
            this.showProgress(await this.services.service.closeOut(this.orderId, check.input));
        } catch (error) {
            this.failure = messageOf(error);
        } finally {
            this.running = false;
            this.activeTab = failedPart(this.progress) ?? this.activeTab;
            this.update();
        }
    }

    protected override onUpdateRequest(msg: Message): void {
        super.onUpdateRequest(msg);
        if (this.acceptButton) {
            this.acceptButton.textContent = this.acceptLabel();
        }
        if (this.closeButton) {
            this.closeButton.hidden = this.progress.closed;
            this.closeButton.textContent = hasStarted(this.progress) ? nls.localize('presswork/closeout/close', 'Close') : Dialog.CANCEL;
        }
    }

    /** OK starts; after a stopped attempt it is Try again (never while one runs); Close once the order is closed. */
    protected acceptLabel(): string {
        if (this.progress.closed) {
            return nls.localize('presswork/closeout/close', 'Close');
        }
        return !this.running && (hasStarted(this.progress) || this.failure) ? nls.localize('presswork/closeout/tryAgain', 'Try again') : Dialog.OK;
    }

    protected render(): React.ReactNode {
        const check = checkCloseoutForm(this.values);
        const errors = Object.fromEntries(Object.entries(check.errors)
            .filter(([field]) => this.showAllErrors || this.touched.has(field as CloseoutField)));
        return <CloseoutContent preparation={this.preparation} values={this.values} errors={errors} fixed={this.fixed}
            progress={this.progress} activeTab={this.activeTab} opener={this.services.opener}
            status={closeoutStatus({ orderNumber: this.preparation.details.orderNumber, progress: this.progress, running: this.running, failure: this.failure })}
            onSelectTab={part => {
                this.activeTab = part;
                this.update();
            }}
            onChange={(field, value) => {
                this.values[field] = value;
                this.touched.add(field);
                this.update();
            }} />;
    }
}

/** The feed's document is the backend's projection; take it only when it looks like this order's progress. */
function isProgressOf(document: unknown, orderId: string): document is CloseoutProgress {
    const candidate = document as Partial<CloseoutProgress> | undefined;
    return !!candidate && typeof candidate === 'object' && candidate.orderId === orderId && typeof candidate.version === 'number'
        && !!candidate.parts && typeof candidate.closed === 'boolean';
}
