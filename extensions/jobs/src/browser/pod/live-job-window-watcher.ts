import { inject, injectable, named, postConstruct } from '@theia/core/shared/inversify';
import { RemoteConnectionProvider, ServiceConnectionProvider } from '@theia/core/lib/browser/messaging/service-connection-provider';
import { Emitter, Event } from '@theia/core/lib/common/event';
import { ILogger } from '@theia/core/lib/common/logger';
import type { RpcProxy } from '@theia/core/lib/common/messaging/proxy-factory';
import type { JobWindow } from '../../common/job-query';
import { LIVE_JOB_WINDOW_PATH } from '../../common/jobs-protocol';
import type { JobWindowUpdate, LiveJobWindowClient, LiveJobWindowRequest, LiveJobWindowService } from '../../common/jobs-protocol';

/** The browser's end of LiveJobWindowService: asks to watch the pod's window and hands on what changed in it. */
@injectable()
export class LiveJobWindowWatcher implements LiveJobWindowClient {
    @inject(RemoteConnectionProvider) protected readonly connections: ServiceConnectionProvider;
    @inject(ILogger) @named('jobs:LiveJobWindowWatcher') protected readonly logger: ILogger;

    protected server: RpcProxy<LiveJobWindowService>;
    protected readonly onDidUpdateEmitter = new Emitter<JobWindowUpdate>();
    /** The watched window changed. */
    readonly onDidUpdate: Event<JobWindowUpdate> = this.onDidUpdateEmitter.event;

    @postConstruct()
    protected init(): void {
        this.server = this.connections.createProxy<LiveJobWindowService>(LIVE_JOB_WINDOW_PATH, this);
    }

    onDidChangeWindow(update: JobWindowUpdate): void {
        this.onDidUpdateEmitter.fire(update);
    }

    watch(request: LiveJobWindowRequest): Promise<JobWindow> {
        return this.server.watch(request);
    }

    unwatch(): void {
        this.server.unwatch().catch(error => this.logger.warn('could not stop watching the pod window', error));
    }
}
