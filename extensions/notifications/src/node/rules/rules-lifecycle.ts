import { inject, injectable, named, optional } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import type { Disposable } from '@theia/core/lib/common/disposable';
import type { BackendApplicationContribution } from '@theia/core/lib/node/backend-application';
import { PlatformReady } from '@presswork/platform/lib/node/platform-startup';
import { WorkOwnership } from '@presswork/platform/lib/node/cluster/work-ownership';
import { whileLeader } from '@presswork/platform/lib/node/cluster/while-leader';
import { DeliveryRetention } from './delivery-retention';
import { DeliverySender } from './delivery-sender';
import { RuleDispatcher } from './rule-dispatcher';

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Starts the sender (taking up pending deliveries), then the dispatcher, after the platform is
 * ready; prunes the log hourly. On the leader only: a server that stops leading stops sending
 * (an attempt cut off ends as a failed one, retried by the next leader) and dispatching (the
 * position is in the store: the next leader dispatches from it, with the same delivery ids).
 */
@injectable()
export class RulesLifecycle implements BackendApplicationContribution {
    @inject(PlatformReady) @optional() protected readonly platform: PlatformReady | undefined;
    @inject(DeliverySender) protected readonly sender: DeliverySender;
    @inject(RuleDispatcher) protected readonly dispatcher: RuleDispatcher;
    @inject(DeliveryRetention) protected readonly retention: DeliveryRetention;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('notifications:RulesLifecycle') protected readonly logger: ILogger;

    protected pruneTimer: NodeJS.Timeout | undefined;
    protected leadership: Disposable | undefined;

    onStart(): void {
        this.leadership = whileLeader(this.ownership, this, error => this.logger.error('Notification rules could not start', error));
    }

    onStop(): void {
        this.leadership?.dispose();
        this.stop().catch(error => this.logger.error('Notification rules did not stop cleanly', error));
    }

    async start(): Promise<void> {
        await this.platform?.whenReady;
        this.sender.start();
        this.prune();
        this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
        await this.dispatcher.start();
    }

    async stop(): Promise<void> {
        clearInterval(this.pruneTimer);
        await this.dispatcher.stop();
        await this.sender.stop();
    }

    protected prune(): void {
        this.retention.prune().catch(error => this.logger.warn('Pruning the delivery log failed; it is tried again in an hour', error));
    }
}
