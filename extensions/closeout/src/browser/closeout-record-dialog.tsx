import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { nls } from '@theia/core/lib/common/nls';
import { isolatedIdentifier } from '@presswork/platform/lib/common/hidden-characters';
import type { CloseoutPreparation } from '../common/closeout-protocol';
import { CloseoutRecordContent } from './closeout-record-content';
import type { DocumentOpener } from './order-parts';

/** Closeout order… on a closed order: its closeout record and documents, read-only, with Close only. */
export class CloseoutRecordDialog extends ReactDialog<void> {
    constructor(protected readonly preparation: CloseoutPreparation, protected readonly opener: DocumentOpener) {
        super({ title: nls.localize('presswork/closeout/recordTitle', 'Closeout Record: {0}', isolatedIdentifier(preparation.details.orderNumber)), maxWidth: 960 } as DialogProps);
        this.addClass('presswork-closeout-record-dialog');
        this.appendAcceptButton(nls.localize('presswork/closeout/close', 'Close'));
    }

    get value(): void {
        return undefined;
    }

    protected render(): React.ReactNode {
        return <CloseoutRecordContent preparation={this.preparation} opener={this.opener} />;
    }
}
