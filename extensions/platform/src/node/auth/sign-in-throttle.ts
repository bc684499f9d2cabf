import { injectable } from '@theia/core/shared/inversify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { PressworkError } from '../../common/errors';

const PER_USER_AND_ADDRESS = 5;
const PER_ADDRESS = 20;

/**
 * Slows down password guessing: 5 attempts a minute for one user name from one address, and 20 a
 * minute from one address whatever the names. An attempt is counted before its password is
 * checked, so requests sent in parallel cannot all slip through; a successful sign-in is forgiven.
 */
@injectable()
export class SignInThrottle {
    protected readonly perUserAndAddress = new RateLimiterMemory({ points: PER_USER_AND_ADDRESS, duration: 60 });
    protected readonly perAddress = new RateLimiterMemory({ points: PER_ADDRESS, duration: 60 });

    /** Counts an attempt; returns 0 when it may go ahead, else the seconds to wait. */
    async attempt(name: string, address: string): Promise<number> {
        try {
            await this.perAddress.consume(address);
        } catch (refusal) {
            return secondsOf(refusal);
        }
        try {
            await this.perUserAndAddress.consume(pairKey(name, address));
        } catch (refusal) {
            await this.perAddress.reward(address, 1);
            return secondsOf(refusal);
        }
        return 0;
    }

    /**
     * Runs a password check (changing one's password, say) as one attempt of this user from this
     * address, under the same limits as signing in: refused with TooManyAttempts over the limit,
     * forgiven when the check succeeds, counted when it throws.
     */
    async check<T>(name: string, address: string, passwordCheck: () => Promise<T>): Promise<T> {
        const retryAfter = await this.attempt(name, address);
        if (retryAfter > 0) {
            throw PressworkError.TooManyAttempts(retryAfter);
        }
        const result = await passwordCheck();
        await this.forgive(name, address);
        return result;
    }

    /** A correct password: the attempt does not count against the user or the address. */
    async forgive(name: string, address: string): Promise<void> {
        await Promise.all([this.perUserAndAddress.delete(pairKey(name, address)), this.perAddress.reward(address, 1)]);
    }
}

function secondsOf(refusal: unknown): number {
    if (refusal instanceof RateLimiterRes) {
        return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    }
    throw refusal;
}

function pairKey(name: string, address: string): string {
    return `${address}\u0000${name}`;
}
