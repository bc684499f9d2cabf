import { injectable } from '@theia/core/shared/inversify';
import { RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Slows down password guessing: 5 failures a minute for one user name from one address, and 20 a
 * minute from one address whatever the names.
 */
@injectable()
export class SignInThrottle {
    protected readonly perUserAndAddress = new RateLimiterMemory({ points: 5, duration: 60 });
    protected readonly perAddress = new RateLimiterMemory({ points: 20, duration: 60 });

    /** Seconds to wait before another attempt is heard; 0 when it may go ahead now. */
    async retryAfterSeconds(name: string, address: string): Promise<number> {
        const [pair, single] = await Promise.all([this.perUserAndAddress.get(pairKey(name, address)), this.perAddress.get(address)]);
        const waits = [
            pair && pair.consumedPoints >= 5 ? pair.msBeforeNext : 0,
            single && single.consumedPoints >= 20 ? single.msBeforeNext : 0
        ];
        return Math.ceil(Math.max(...waits) / 1000);
    }

    async recordFailure(name: string, address: string): Promise<void> {
        await Promise.all([
            this.perUserAndAddress.penalty(pairKey(name, address), 1),
            this.perAddress.penalty(address, 1)
        ]);
    }

    async recordSuccess(name: string, address: string): Promise<void> {
        await this.perUserAndAddress.delete(pairKey(name, address));
    }
}

function pairKey(name: string, address: string): string {
    return `${address}\u0000${name}`;
}
