import { inject, injectable, postConstruct } from '@theia/core/shared/inversify';
import { Emitter, Event } from '@theia/core/lib/common/event';
import { StorageService } from '@theia/core/lib/browser/storage-service';
import { ROW_HEIGHT, TOUCH_LAYOUT_CLASS, TOUCH_ROW_HEIGHT, TouchLayoutChoiceSchema, isTouchLayout } from './pod-layout-rules';
import type { TouchLayoutChoice } from './pod-layout-rules';

const STORAGE_KEY = 'presswork.operations.touchLayout';

/**
 * Whether this device shows the touch layout. The choice is this browser's (kept in its storage),
 * not the shop's: a tablet and a desk computer differ, and Theia's settings are shared by all.
 */
@injectable()
export class TouchLayout {
    @inject(StorageService) protected readonly storage: StorageService;

    protected current: TouchLayoutChoice = 'auto';
    protected readonly coarsePointer = window.matchMedia('(pointer: coarse)');
    protected readonly onDidChangeEmitter = new Emitter<void>();
    readonly onDidChange: Event<void> = this.onDidChangeEmitter.event;

    @postConstruct()
    protected init(): void {
        this.coarsePointer.addEventListener('change', () => this.changed());
        this.changed();
        this.doInit();
    }

    protected async doInit(): Promise<void> {
        const stored = TouchLayoutChoiceSchema.safeParse(await this.storage.getData(STORAGE_KEY));
        if (stored.success && stored.data !== this.current) {
            this.current = stored.data;
            this.changed();
        }
    }

    get choice(): TouchLayoutChoice {
        return this.current;
    }

    get active(): boolean {
        return isTouchLayout(this.current, this.coarsePointer.matches);
    }

    get rowHeight(): number {
        return this.active ? TOUCH_ROW_HEIGHT : ROW_HEIGHT;
    }

    async choose(choice: TouchLayoutChoice): Promise<void> {
        this.current = choice;
        this.changed();
        await this.storage.setData(STORAGE_KEY, choice);
    }

    protected changed(): void {
        document.body.classList.toggle(TOUCH_LAYOUT_CLASS, this.active);
        this.onDidChangeEmitter.fire();
    }
}
