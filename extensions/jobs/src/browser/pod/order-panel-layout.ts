import { inject, injectable } from '@theia/core/shared/inversify';
import { ApplicationShell } from '@theia/core/lib/browser/shell/application-shell';
import { StorageService } from '@theia/core/lib/browser/storage-service';
import type { Widget } from '@theia/core/lib/browser/widgets/widget';
import { Emitter, Event } from '@theia/core/lib/common/event';
import { DisposableCollection } from '@theia/core/lib/common/disposable';
import debounce = require('@theia/core/shared/lodash.debounce');
import { MIN_ORDER_PANEL_WIDTH, RememberedOrderPanelSchema, initialOrderPanel } from './pod-layout-rules';
import type { RememberedOrderPanel } from './pod-layout-rules';

const STORAGE_KEY = 'presswork.operations.orderPanel';

/**
 * The Order panel beside the pod: Theia's right side panel, which the user resizes with its sash
 * and collapses with its tab or the pod's Layout menu. Its width and whether it is collapsed are
 * remembered in this browser and applied when the workspace opens.
 */
@injectable()
export class OrderPanelLayout {
    @inject(ApplicationShell) protected readonly shell: ApplicationShell;
    @inject(StorageService) protected readonly storage: StorageService;

    protected panel: Widget | undefined;
    protected remembered: RememberedOrderPanel = {};
    protected readonly toDispose = new DisposableCollection();
    protected readonly onDidChangeEmitter = new Emitter<void>();
    /** The panel was shown, collapsed or resized. */
    readonly onDidChange: Event<void> = this.onDidChangeEmitter.event;

    /** Applies the remembered layout to the panel (once) and follows what the user does with it. */
    async follow(panel: Widget): Promise<void> {
        if (this.follows(panel)) {
            return;
        }
        this.toDispose.dispose();
        this.panel = panel;
        await this.shell.pendingUpdates;
        const parsed = RememberedOrderPanelSchema.safeParse(await this.storage.getData(STORAGE_KEY));
        this.remembered = parsed.success ? parsed.data : {};
        const { width, collapsed } = initialOrderPanel(this.remembered, window.innerWidth);
        this.shell.resize(width, 'right');
        if (collapsed) {
            this.shell.collapsePanel('right');
        }
        const observer = new ResizeObserver(() => this.rememberSoon());
        observer.observe(panel.node);
        this.toDispose.push({ dispose: () => observer.disconnect() });
        this.toDispose.push({ dispose: () => this.rememberSoon.cancel() });
        this.onDidChangeEmitter.fire();
    }

    /** Whether the user's layout of this panel is already applied and followed. */
    follows(panel: Widget): boolean {
        return this.panel === panel;
    }

    get shown(): boolean {
        return !!this.panel?.isVisible && this.shell.isExpanded('right');
    }

    async toggle(): Promise<void> {
        if (!this.panel) {
            return;
        }
        if (this.shown) {
            await this.shell.collapsePanel('right');
        } else {
            await this.shell.revealWidget(this.panel.id);
        }
        this.rememberSoon();
    }

    protected readonly rememberSoon = debounce(() => this.remember(), 300);

    protected remember(): void {
        const collapsed = !this.shell.isExpanded('right');
        const size = this.shown ? this.shell.rightPanelHandler.getLayoutData().size : undefined;
        const width = size && size >= MIN_ORDER_PANEL_WIDTH ? Math.round(size) : this.remembered.width;
        if (collapsed !== this.remembered.collapsed || width !== this.remembered.width) {
            this.remembered = { width, collapsed };
            this.storage.setData(STORAGE_KEY, this.remembered);
        }
        this.onDidChangeEmitter.fire();
    }
}
