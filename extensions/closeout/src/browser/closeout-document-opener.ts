import { inject, injectable } from '@theia/core/shared/inversify';
import { WindowService } from '@theia/core/lib/browser/window/window-service';
import type { CloseoutDocumentKind } from '../common/closeout-protocol';
import { DocumentOpener, documentUrl } from './order-parts';

/** Opens an order's packing slip or invoice from the backend's document route (the session cookie authorizes it). */
@injectable()
export class CloseoutDocumentOpener implements DocumentOpener {
    @inject(WindowService) protected readonly windows: WindowService;

    open(orderId: string, kind: CloseoutDocumentKind): void {
        this.windows.openNewWindow(new URL(documentUrl(orderId, kind), window.location.href).toString(), { external: true });
    }
}
