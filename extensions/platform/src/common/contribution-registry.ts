import { inject, injectable, interfaces } from '@theia/core/shared/inversify';
import { ContributionProvider, bindRootContributionProvider } from '@theia/core/lib/common/contribution-provider';
import { ILogger } from '@theia/core/lib/common/logger';

/** The contributions kept (one per id) and the ids contributed more than once. */
export interface CollectedContributions<T> {
    readonly byId: ReadonlyMap<string, T>;
    readonly duplicateIds: readonly string[];
}

/** Keeps the first contribution of each id, in contribution order, and names every id seen again. */
export function collectContributions<T>(contributions: readonly T[], idOf: (contribution: T) => string): CollectedContributions<T> {
    const byId = new Map<string, T>();
    const duplicateIds = new Set<string>();
    for (const contribution of contributions) {
        const id = idOf(contribution);
        if (byId.has(id)) {
            duplicateIds.add(id);
        } else {
            byId.set(id, contribution);
        }
    }
    return { byId, duplicateIds: [...duplicateIds] };
}

/**
 * The registry beside a contribution point (as Theia pairs `TaskContribution` with
 * `TaskResolverRegistry`): consumers ask it, never the raw `ContributionProvider`. Contributions are
 * fixed once the application runs, so they are collected once, on first use. An id contributed
 * twice is refused (the first stays, as Theia's command registry does) and logged as an error
 * naming the point and the id, so a clash between two extensions is found, not silently hidden.
 */
@injectable()
export abstract class ContributionRegistry<T extends object> {
    @inject(ILogger) protected readonly logger: ILogger;

    /** The point's provider; each registry injects its own, `@named` after its point. */
    protected abstract readonly provider: ContributionProvider<T>;
    /** Named in the duplicate report, e.g. `JobActionContribution`. */
    protected abstract readonly pointName: string;

    private collected: { readonly byId: ReadonlyMap<string, T>; readonly ordered: readonly T[] } | undefined;

    protected abstract idOf(contribution: T): string;

    /** The listing order; contribution (module load) order unless a registry says otherwise. */
    protected compare(_a: T, _b: T): number {
        return 0;
    }

    /** Every contribution, one per id, in the registry's stable order. */
    all(): readonly T[] {
        return this.collect().ordered;
    }

    /** The contribution with this id, or undefined when no installed extension contributes it. */
    get(id: string): T | undefined {
        return this.collect().byId.get(id);
    }

    has(id: string): boolean {
        return this.collect().byId.has(id);
    }

    protected collect(): { readonly byId: ReadonlyMap<string, T>; readonly ordered: readonly T[] } {
        if (!this.collected) {
            const { byId, duplicateIds } = collectContributions(this.provider.getContributions(), contribution => this.idOf(contribution));
            for (const id of duplicateIds) {
                this.logger.error(`${this.pointName} "${id}" is contributed more than once; only the first is used`);
            }
            // Array.prototype.sort is stable: equal entries keep their contribution order.
            this.collected = { byId, ordered: [...byId.values()].sort((a, b) => this.compare(a, b)) };
        }
        return this.collected;
    }
}

/** Binds a contribution point's (root) provider and, beside it, the registry consumers inject. */
export function bindContributionPoint(bind: interfaces.Bind, point: symbol, registry: interfaces.Newable<ContributionRegistry<object>>): void {
    bindRootContributionProvider(bind, point);
    bind(registry).toSelf().inSingletonScope();
}
