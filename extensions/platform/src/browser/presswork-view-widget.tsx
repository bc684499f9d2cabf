import * as React from '@theia/core/shared/react';
import { inject, injectable } from '@theia/core/shared/inversify';
import { ReactWidget } from '@theia/core/lib/browser/widgets/react-widget';
import { codicon } from '@theia/core/lib/browser/widgets/widget';
import { MessageService } from '@theia/core/lib/common/message-service';
import debounce = require('@theia/core/shared/lodash.debounce');
import { messageOf } from '../common/errors';
import { ChangeFeedService } from './change-feed-service';

export interface PressworkViewOptions {
    readonly id: string;
    readonly label: string;
    /** A codicon name, e.g. `plug`. */
    readonly icon: string;
    /** Collections whose committed changes make the view reload. */
    readonly collections: readonly string[];
}

/**
 * A view over data the backend holds: it loads through a guarded service, reloads when the change
 * feed says its collections changed (or the connection came back), shows load failures in place,
 * and runs user changes so that a refusal is shown and the view never shows what is not stored.
 */
@injectable()
export abstract class PressworkViewWidget extends ReactWidget {
    @inject(ChangeFeedService) protected readonly changeFeed: ChangeFeedService;
    @inject(MessageService) protected readonly messages: MessageService;

    protected error: string | undefined;
    protected readonly reloadSoon = debounce(() => this.reload(), 200);

    /** Fetches what the view shows; throwing shows the message in place of stale data. */
    protected abstract load(): Promise<void>;

    protected setUpView(options: PressworkViewOptions): void {
        this.id = options.id;
        this.title.label = options.label;
        this.title.caption = options.label;
        this.title.iconClass = codicon(options.icon);
        this.title.closable = true;
        for (const collection of options.collections) {
            // The view reloads through its service: the deltas' documents would go unread.
            this.toDispose.push(this.changeFeed.watch(collection, () => this.reloadSoon(), { documents: false }));
        }
        this.toDispose.push(this.changeFeed.onDidReconnect(() => this.reload()));
        this.reload();
    }

    protected async reload(): Promise<void> {
        try {
            await this.load();
            this.error = undefined;
        } catch (error) {
            this.error = messageOf(error);
        }
        this.update();
    }

    /** Runs a change; on failure shows why. Either way the view reloads from the backend. */
    protected async act(change: () => Promise<unknown>): Promise<void> {
        try {
            await change();
        } catch (error) {
            this.messages.error(messageOf(error));
        }
        await this.reload();
    }

    protected renderError(): React.ReactNode {
        return this.error && <p className='presswork-error' role='alert'>{this.error}</p>;
    }
}
