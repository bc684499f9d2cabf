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

/**
 * A projection that tells browsers only that a document changed, never its content: for views
 * that reload through their guarded service (which checks authority again and strips secrets).
 */
export function announceChanges(collection: string, permission: Permission): ChangeFeedProjection {
    return { collection, permission, project: () => ({}) };
}
