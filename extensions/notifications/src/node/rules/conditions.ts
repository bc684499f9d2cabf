import type { RuleCondition } from '../../common/notifications-protocol';
import { asNumber, asTime } from '../../common/rule-validation';

/** Whether every condition holds for the payload (a rule without conditions matches every event of its kind). */
export function conditionsHold(conditions: readonly RuleCondition[], payload: Readonly<Record<string, unknown>>): boolean {
    return conditions.every(condition => conditionHolds(condition, payload[condition.property]));
}

/**
 * One condition, compared as TFPM does: text without regard to case; numbers as numbers and
 * times as times when both sides are; a missing property is empty text (so "not equals X" holds
 * and "greater than 3" does not).
 */
export function conditionHolds(condition: RuleCondition, actual: unknown): boolean {
    const text = actual === undefined || actual === null ? '' : String(actual);
    switch (condition.comparison) {
        case 'equals': return same(actual, text, condition.value);
        case 'not-equals': return !same(actual, text, condition.value);
        case 'contains': return text.toLowerCase().includes(condition.value.toLowerCase());
        case 'not-contains': return !text.toLowerCase().includes(condition.value.toLowerCase());
        case 'greater-than': return (order(actual, condition.value) ?? 0) > 0;
        case 'less-than': return (order(actual, condition.value) ?? 0) < 0;
    }
}

function same(actual: unknown, text: string, expected: string): boolean {
    const ordered = order(actual, expected);
    return ordered !== undefined ? ordered === 0 : text.trim().toLowerCase() === expected.trim().toLowerCase();
}

/** actual − expected as numbers or as times, when both sides are one; otherwise undefined. */
function order(actual: unknown, expected: string): number | undefined {
    const [a, b] = [asNumber(actual), asNumber(expected)];
    if (a !== undefined && b !== undefined) {
        return a - b;
    }
    const [ta, tb] = [asTime(actual), asTime(expected)];
    if (ta !== undefined && tb !== undefined) {
        return ta - tb;
    }
    return undefined;
}
