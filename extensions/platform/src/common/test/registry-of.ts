import type { ILogger } from '@theia/core/lib/common/logger';
import { MockLogger } from '@theia/core/lib/common/test/mock-logger';
import type { ContributionRegistry } from '../contribution-registry';

type ContributionOf<R> = R extends ContributionRegistry<infer T> ? T : never;

/** A registry over exactly these contributions, its injected fields assigned as the container would. */
export function registryOf<R extends ContributionRegistry<object>>(
    Registry: new () => R, contributions: readonly ContributionOf<R>[], logger: ILogger = new MockLogger()
): R {
    return Object.assign(new Registry(), { provider: { getContributions: () => [...contributions] }, logger });
}
