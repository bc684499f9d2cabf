import type { Disposable } from '@theia/core/lib/common/disposable';
import type { EventSourceContribution } from '../../common/event-source-contribution';
import type { PressworkEventDraft } from '../../common/presswork-events';
import { parseEventDraft } from '../../common/presswork-events';
import type { StoredDocument } from '../../common/store-protocol';
import type { DocumentStore } from '../store/document-store';

/** The drafts an event source derives from a store's committed changes, in order, each checked as the journal checks it. */
export interface DerivedDrafts extends Disposable {
    readonly drafts: readonly PressworkEventDraft[];
    names(): string[];
}

/**
 * Follows `store` as the notifications journal does, without the journal: each change of the
 * source's collection is observed and derived against the snapshot last seen of that document.
 */
export function followDerivedDrafts<D extends StoredDocument, S>(store: Pick<DocumentStore, 'onDidChange'>, source: EventSourceContribution<D, S>): DerivedDrafts {
    const drafts: PressworkEventDraft[] = [];
    const snapshots = new Map<string, S>();
    const listener = store.onDidChange(change => {
        if (change.collection !== source.collection) {
            return;
        }
        const document = change.document as D | undefined;
        const next = document ? source.observe(document) : undefined;
        drafts.push(...source.derive(snapshots.get(change.id), next, document).map(parseEventDraft));
        if (next === undefined) {
            snapshots.delete(change.id);
        } else {
            snapshots.set(change.id, next);
        }
    });
    return { drafts, names: () => drafts.map(draft => draft.name), dispose: () => listener.dispose() };
}
