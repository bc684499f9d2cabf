import type { Permission } from '../../common/authority';
import type { StoredDocument } from '../../common/store-protocol';

/**
 * Declares that a collection's changes may go to browsers: who may see them and what of each
 * document they see. Collections without a projection never leave the backend.
 */
export const ChangeFeedProjection = Symbol('ChangeFeedProjection');
export interface ChangeFeedProjection {
    readonly collection: string;
    readonly permission: Permission;
    project(document: StoredDocument): unknown;
}
