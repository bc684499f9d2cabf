import { nls } from '@theia/core/lib/common/nls';
import { ShopIdentityInputSchema, type ShopIdentity, type ShopIdentityInput, type ShopLogo } from '../../common/shop-identity';

/** The Shop identity dialog's fields as typed; `logo` null once removed, undefined while unchanged. */
export interface ShopIdentityDraft {
    readonly name: string;
    readonly address: string;
    readonly documentLocale: string;
    readonly logo: ShopLogo | null | undefined;
}

export function shopIdentityDraftOf(identity: ShopIdentity | undefined): ShopIdentityDraft {
    return { name: identity?.name ?? '', address: identity?.address ?? '', documentLocale: identity?.documentLocale ?? '', logo: undefined };
}

const FIELD_LABELS: Readonly<Record<string, () => string>> = {
    name: () => nls.localize('presswork/shop/nameLabel', 'The shop name'),
    address: () => nls.localize('presswork/shop/addressLabel', 'The address'),
    documentLocale: () => nls.localize('presswork/shop/localeLabel', 'The document language'),
    logo: () => nls.localize('presswork/shop/logoLabel', 'The logo')
};

/**
 * The draft checked by the schema the backend uses: the input, or every problem at once as a
 * sentence keyed by its field ("The logo must be at most 512 KB; …").
 */
export function checkShopIdentityDraft(draft: ShopIdentityDraft): { input?: ShopIdentityInput; problems: Readonly<Record<string, string>> } {
    const parsed = ShopIdentityInputSchema.safeParse(draft);
    if (parsed.success) {
        return { input: draft, problems: {} };
    }
    const problems: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'name');
        problems[field] ??= `${(FIELD_LABELS[field] ?? FIELD_LABELS.name)()} ${issue.message}.`;
    }
    return { problems };
}
