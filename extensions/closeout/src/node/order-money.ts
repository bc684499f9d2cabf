import type { Money } from '@presswork/platform/lib/common/money';

/**
 * Money as MarcomCentral sends it (decimal text, at most 4 decimals) summed exactly: amounts are
 * held as integers of 1/10000 so that fifty lines add up to the cent the store charges.
 */
const SCALE = 10_000;

export function toUnits(money: Money | undefined): number {
    if (!money) {
        return 0;
    }
    const negative = money.value.startsWith('-');
    const [whole, fraction = ''] = money.value.replace('-', '').split('.');
    const units = Number(whole) * SCALE + Number(fraction.padEnd(4, '0'));
    return negative ? -units : units;
}

export function fromUnits(units: number): number {
    return Math.round(units) / SCALE;
}

/** The one currency of a set of amounts, or undefined when there is none or they differ. */
export function commonCurrency(amounts: readonly (Money | undefined)[]): string | undefined {
    const currencies = new Set(amounts.filter((money): money is Money => money !== undefined).map(money => money.currency));
    return currencies.size === 1 ? [...currencies][0] : undefined;
}
