import type { JobPropertyValue } from '@presswork/platform/lib/common/job-schema';

/**
 * How a step condition compares values, shared by the engine (does a step run for a job?) and
 * validation (can two steps' conditions both hold?). Text compares without regard to case; numbers
 * (also numbers typed as text) compare as numbers.
 */
export function sameValue(actual: JobPropertyValue, expected: JobPropertyValue): boolean {
    const [a, b] = [numberOf(actual), numberOf(expected)];
    return a !== undefined && b !== undefined ? a === b : text(actual) === text(expected);
}

export function numberOf(value: JobPropertyValue): number | undefined {
    if (typeof value === 'number') {
        return Number.isFinite(value) ? value : undefined;
    }
    if (typeof value === 'string' && value.trim() !== '') {
        const parsed = Number(value.trim());
        return Number.isFinite(parsed) ? parsed : undefined;
    }
    return undefined;
}

export function text(value: JobPropertyValue): string {
    return String(value).trim().toLowerCase();
}
