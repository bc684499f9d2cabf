import type { Page } from '@playwright/test';
import { ORDER_FACT_PROPERTIES, TICKET_PROPERTIES } from '@presswork/platform/lib/common/job-property-words';
import { JOB_ROW_FIELDS } from '@presswork/platform/lib/common/job-row';
import { ActivityTypes } from '@presswork/platform/lib/common/well-known';

/**
 * What a person must never read on a Presswork screen: the ids the code uses for activities
 * (`prepress-check`, or a cell saying just `approve`), and the keys of fields and properties
 * (`customerEmail`, `currentActivity`) — in text, in the value of a field, or in a tooltip.
 */
const ACTIVITY_IDS: readonly string[] = Object.values(ActivityTypes);
const HYPHENATED_IDS = ACTIVITY_IDS.filter(id => id.includes('-'));
/** One-word ids read as English ("Print", "approve the proof"); only a text that is nothing but the id is one. */
const ONE_WORD_IDS = ACTIVITY_IDS.filter(id => !id.includes('-'));
/** Keys written in camelCase: English never spells a word so. */
const KEYS = [...new Set<string>([...[...ORDER_FACT_PROPERTIES, ...TICKET_PROPERTIES].map(property => property.key), ...JOB_ROW_FIELDS])]
    .filter(key => /[a-z][A-Z]/.test(key));

export interface InternalIdShown {
    /** The id or key seen. */
    readonly id: string;
    /** Where: the text around it, or the field or tooltip that holds it. */
    readonly where: string;
}

/** The internal ids the page shows now: visible text, visible fields' values, and tooltips of visible elements. */
export async function internalIdsShown(page: Page): Promise<InternalIdShown[]> {
    return page.evaluate(({ hyphenated, oneWord, keys }) => {
        const found: { id: string; where: string }[] = [];
        const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const wordOf = (ids: readonly string[]): RegExp => new RegExp(`(?<![\\w-])(${ids.map(escape).join('|')})(?![\\w-])`, 'g');
        const patterns = [wordOf(hyphenated), wordOf(keys)];
        const check = (text: string | null | undefined, where: string): void => {
            if (!text) {
                return;
            }
            const trimmed = text.trim();
            if (oneWord.includes(trimmed)) {
                found.push({ id: trimmed, where });
            }
            for (const pattern of patterns) {
                for (const match of trimmed.matchAll(pattern)) {
                    found.push({ id: match[1], where: `${where}: …${trimmed.slice(Math.max(0, match.index - 40), match.index + match[1].length + 40)}…` });
                }
            }
        };
        const visible = (element: Element): boolean => {
            const box = element.getBoundingClientRect();
            const style = getComputedStyle(element);
            return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
        };
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (parent && !['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) && visible(parent)) {
                check(node.textContent, 'text');
            }
        }
        for (const field of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) {
            if (field.type !== 'password' && field.type !== 'hidden' && visible(field)) {
                check(field.value, `the field ${field.getAttribute('aria-label') ?? field.id ?? field.name}`);
            }
        }
        for (const element of document.querySelectorAll('[title], [aria-label]')) {
            if (visible(element)) {
                check(element.getAttribute('title'), 'a tooltip');
                check(element.getAttribute('aria-label'), 'an accessible name');
            }
        }
        return found;
    }, { hyphenated: HYPHENATED_IDS, oneWord: ONE_WORD_IDS, keys: KEYS });
}
