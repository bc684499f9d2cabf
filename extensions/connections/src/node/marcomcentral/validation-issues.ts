import type { z } from 'zod';

export interface IssueSummary {
    /** Dotted path of the first problem, e.g. `lineItems.0.quantity`; '' for the record itself. */
    readonly path: string;
    /** What is wrong, with the offending value when it is short text; further problems are listed after it. */
    readonly reason: string;
}

const MAX_LISTED = 5;

/** Summarises a zod failure on `candidate` for an operator: the first problem's path and every problem's reason. */
export function summariseIssues(error: z.ZodError, candidate: unknown): IssueSummary {
    const issues = error.issues;
    const first = issues[0];
    const path = pathText(first?.path ?? []);
    const describe = (issue: z.core.$ZodIssue): string => {
        const value = valueAt(candidate, issue.path);
        if (value === undefined) {
            return 'is missing';
        }
        const shown = typeof value === 'string' && value.length <= 60 ? ` (got "${value}")` : '';
        return `${issue.message}${shown}`;
    };
    let reason = first ? describe(first) : 'is invalid';
    const others = issues.slice(1, 1 + MAX_LISTED).map(issue => `${pathText(issue.path)} ${describe(issue)}`);
    if (others.length > 0) {
        const more = issues.length - 1 - others.length;
        reason += `; also: ${others.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
    }
    return { path, reason };
}

function pathText(path: readonly PropertyKey[]): string {
    return path.map(part => String(part)).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
    let current = root;
    for (const key of path) {
        if (current === null || typeof current !== 'object') {
            return undefined;
        }
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}
