import { timingSafeEqual } from 'node:crypto';
import { TokenScope } from './operations';

function sameToken(a: string, b: string): boolean {
    const left = Buffer.from(a, 'utf8');
    const right = Buffer.from(b, 'utf8');
    return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Which token opens which services. A connection may hold one token for orders and job tickets and
 * one for closeout, or one for all: the order token also closes out unless a separate closeout
 * token was configured explicitly.
 */
export class TokenPolicy {
    constructor(
        readonly orderToken: string,
        readonly closeoutToken: string,
        private readonly orderTokenMayCloseOut: boolean
    ) { }

    accepts(scope: TokenScope, token: string | undefined): boolean {
        if (!token) {
            return false;
        }
        if (scope === 'order') {
            return sameToken(token, this.orderToken);
        }
        return sameToken(token, this.closeoutToken) || (this.orderTokenMayCloseOut && sameToken(token, this.orderToken));
    }

    /** For the admin API (`Authorization: Bearer <orderToken>`). */
    isOrderToken(token: string | undefined): boolean {
        return token !== undefined && sameToken(token, this.orderToken);
    }

    get all(): string[] {
        return [this.orderToken, this.closeoutToken];
    }
}
