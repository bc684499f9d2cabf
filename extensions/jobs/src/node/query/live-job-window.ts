import { inject, injectable } from '@theia/core/shared/inversify';
import type { Disposable } from '@theia/core/lib/common/disposable';
import { hasPermission } from '@presswork/platform/lib/common/authority';
import { CHANGE_FEED_INTERVAL_MS } from '@presswork/platform/lib/common/change-feed-protocol';
import { Coalescer } from '@presswork/platform/lib/common/coalescer';
import { RpcCaller } from '@presswork/platform/lib/node/rpc/rpc-caller';
import { JobWindowRequestSchema } from '../../common/job-query';
import type { CheckedJobQuery, JobWindow } from '../../common/job-query';
import type { LiveJobWindowClient, LiveJobWindowRequest, LiveJobWindowService } from '../../common/jobs-protocol';
import { JobRowIndex } from './job-row-index';
import { WindowSignature, signatureOf } from './window-signature';

interface Watched {
    readonly watch: number;
    readonly query: CheckedJobQuery;
    readonly offset: number;
    readonly limit: number;
    sent: WindowSignature;
}

/**
 * The window one browser connection's pod shows, kept live: when jobs change, the window is cut
 * again (one slice of the index, at most once per feed interval however fast jobs change) and
 * sent only if what it shows changed; a change elsewhere in the list sends at most the new counts.
 */
@injectable()
export class LiveJobWindow implements LiveJobWindowService, Disposable {
    @inject(JobRowIndex) protected readonly index: JobRowIndex;
    @inject(RpcCaller) protected readonly caller: RpcCaller;

    protected client: LiveJobWindowClient | undefined;
    protected watched: Watched | undefined;
    protected subscription: Disposable | undefined;
    protected readonly coalescer = new Coalescer(() => this.update(), CHANGE_FEED_INTERVAL_MS);

    connect(client: LiveJobWindowClient): void {
        this.client = client;
    }

    async watch(request: LiveJobWindowRequest): Promise<JobWindow> {
        await this.index.whenReady();
        const { query, offset, limit } = JobWindowRequestSchema.parse(request);
        const window = this.index.window({ query, offset, limit });
        this.watched = { watch: request.watch, query, offset, limit, sent: signatureOf(window) };
        this.subscription ??= this.index.onDidChangeJobs(() => this.coalescer.request());
        return window;
    }

    async unwatch(): Promise<void> {
        this.watched = undefined;
        this.subscription?.dispose();
        this.subscription = undefined;
    }

    /** The connection closed. */
    dispose(): void {
        this.unwatch();
        this.coalescer.dispose();
        this.client = undefined;
    }

    protected update(): void {
        const watched = this.watched;
        if (!watched || !this.client || !this.mayView()) {
            return;
        }
        const { items, ...counts } = this.index.window(watched);
        const next = signatureOf({ items, ...counts });
        const itemsChanged = next.items !== watched.sent.items;
        if (!itemsChanged && next.counts === watched.sent.counts) {
            return;
        }
        const left = itemsChanged ? [...watched.sent.jobIds].filter(id => !next.jobIds.has(id) && !this.index.matches(watched.query, id)) : [];
        watched.sent = next;
        this.client.onDidChangeWindow({ watch: watched.watch, ...counts, ...(itemsChanged ? { items } : {}), left });
    }

    /** Nothing more goes to a connection whose session ended or whose user may no longer see Operations. */
    protected mayView(): boolean {
        try {
            return hasPermission(this.caller.user().authority, 'operations.view');
        } catch {
            return false;
        }
    }
}
