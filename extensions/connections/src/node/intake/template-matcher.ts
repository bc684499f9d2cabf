import type { LineItem, ProductionTemplate } from '@presswork/platform/lib/common';

/**
 * Finds the production template for a line item: every field a template names must match, and the
 * most specific template wins (SKU over product over product type; a connection's own template over
 * a shared one). Ties go to the name, so the choice never depends on storage order.
 */
export function matchTemplate(templates: Iterable<ProductionTemplate>, connectionId: string, line: LineItem): ProductionTemplate | undefined {
    let best: { template: ProductionTemplate, score: number } | undefined;
    for (const template of templates) {
        if (!template.enabled || (template.connectionId && template.connectionId !== connectionId) || !matches(template, line)) {
            continue;
        }
        const score = specificity(template) * 2 + (template.connectionId ? 1 : 0);
        if (!best || score > best.score || (score === best.score && template.name.localeCompare(best.template.name) < 0)) {
            best = { template, score };
        }
    }
    return best?.template;
}

function matches({ match }: ProductionTemplate, line: LineItem): boolean {
    return (!match.skuId || match.skuId === line.sku?.id)
        && (!match.productId || match.productId === line.productId)
        && (!match.productType || match.productType.toLowerCase() === line.productType.toLowerCase());
}

function specificity({ match }: ProductionTemplate): number {
    return match.skuId ? 3 : match.productId ? 2 : 1;
}

/** The wait reason of a job no template matches, naming what an administrator must match. */
export function noTemplateReason(line: LineItem): string {
    const sku = line.sku?.id ? `SKU ${line.sku.id}` : 'no SKU';
    return `No production template matches ${sku} (product ${line.productId ?? line.productName}, type ${line.productType})`;
}
