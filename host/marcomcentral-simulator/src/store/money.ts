/**
 * Decimal money as strings ("125.00", unit prices up to 4 places), computed in integer
 * ten-thousandths so totals never pick up binary floating-point noise.
 */

export const MONEY_PATTERN = /^-?\d+(\.\d{1,4})?$/;
const SCALE = 10000n;

export function toUnits(amount: string): bigint {
    if (!MONEY_PATTERN.test(amount)) {
        throw new RangeError(`Not a money amount: ${amount}`);
    }
    const negative = amount.startsWith('-');
    const [whole, fraction = ''] = amount.replace('-', '').split('.');
    const units = BigInt(whole) * SCALE + BigInt(fraction.padEnd(4, '0'));
    return negative ? -units : units;
}

/** At least two decimals, up to four when the amount needs them (unit prices). */
export function fromUnits(units: bigint): string {
    const negative = units < 0n;
    const magnitude = negative ? -units : units;
    const whole = magnitude / SCALE;
    let fraction = (magnitude % SCALE).toString().padStart(4, '0');
    while (fraction.length > 2 && fraction.endsWith('0')) {
        fraction = fraction.slice(0, -1);
    }
    return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/** Rounds half away from zero to whole cents. */
function roundToCents(units: bigint): bigint {
    const cent = 100n;
    const negative = units < 0n;
    const magnitude = negative ? -units : units;
    const rounded = ((magnitude + cent / 2n) / cent) * cent;
    return negative ? -rounded : rounded;
}

export function normalizeMoney(amount: string | number): string {
    const text = typeof amount === 'number' ? amount.toFixed(4) : amount.trim();
    return fromUnits(toUnits(text));
}

export function addMoney(...amounts: string[]): string {
    return fromUnits(amounts.reduce((total, amount) => total + toUnits(amount), 0n));
}

export function subtractMoney(amount: string, minus: string): string {
    return fromUnits(toUnits(amount) - toUnits(minus));
}

/** Unit price × quantity, rounded to cents (an extended line price). */
export function extendMoney(unit: string, quantity: number): string {
    return fromUnits(roundToCents(toUnits(unit) * BigInt(quantity)));
}

/** amount × rate (rate as a decimal string such as "0.0725"), rounded to cents. */
export function applyRate(amount: string, rate: string): string {
    return fromUnits(roundToCents((toUnits(amount) * toUnits(rate)) / SCALE));
}
