import { inject, injectable } from '@theia/core/shared/inversify';
import { WindowService } from '@theia/core/lib/browser/window/window-service';
import type { CloseoutDocumentKind } from '../common/closeout-protocol';
import { DocumentViewerDialog } from './document-viewer-dialog';
import { DOCUMENT_LABELS, DocumentOpener, documentUrl } from './order-parts';

/** Shows an order's packing slip or invoice from the backend's document route (the session cookie authorizes it). */
@injectable()
export class CloseoutDocumentOpener implements DocumentOpener {
    @inject(WindowService) protected readonly windows: WindowService;

    view(orderId: string, kind: CloseoutDocumentKind): void {
        const label = DOCUMENT_LABELS[kind];
        const title = label.charAt(0).toUpperCase() + label.slice(1);
        new DocumentViewerDialog(title, this.url(orderId, kind), () => this.openToPrint(orderId, kind)).open();
    }

    openToPrint(orderId: string, kind: CloseoutDocumentKind): void {
        this.windows.openNewWindow(this.url(orderId, kind), { external: true });
    }

    protected url(orderId: string, kind: CloseoutDocumentKind): string {
        return new URL(documentUrl(orderId, kind), window.location.href).toString();
    }
}
