import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError } from '../../common/errors';
import { describeZodError } from '../../common/validation-message';
import { SHOP_IDENTITY_ID, ShopIdentityInputSchema, type ShopIdentity, type ShopIdentityInput } from '../../common/shop-identity';
import { DocumentStore } from '../store/document-store';
import { ShopIdentityCollection } from '../store/platform-collections';

/**
 * The shop's identity, one document: read by every document renderer (closeout PDFs, batch
 * slips), saved by administrators through ShopIdentityServiceImpl.
 */
@injectable()
export class ShopIdentityStore {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    get(): ShopIdentity | undefined {
        return this.store.get(ShopIdentityCollection, SHOP_IDENTITY_ID);
    }

    /** Saves what `by` typed, every problem named at once; a logo left out keeps the stored one. */
    async save(by: string, version: number | undefined, input: ShopIdentityInput): Promise<ShopIdentity> {
        const parsed = ShopIdentityInputSchema.safeParse(input);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(describeZodError(parsed.error));
        }
        const current = this.get();
        if (version === undefined && current) {
            throw PressworkError.Conflict('The shop identity was saved by someone else meanwhile; reopen it', current.version);
        }
        if (version !== undefined && !current) {
            throw PressworkError.NotFound('The shop identity no longer exists; reopen it');
        }
        const { logo, ...fields } = parsed.data;
        const kept = logo === undefined ? current?.logo : logo ?? undefined;
        const document: Omit<ShopIdentity, 'version'> = {
            id: SHOP_IDENTITY_ID,
            ...fields,
            ...(kept ? { logo: kept } : {}),
            updatedAt: new Date().toISOString(),
            updatedBy: by
        };
        return version === undefined
            ? this.store.create(ShopIdentityCollection, document)
            : this.store.update(ShopIdentityCollection, { ...document, version });
    }
}
