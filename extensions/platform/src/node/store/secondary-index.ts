import type { StoredDocument } from '../../common/store-protocol';

/** Key(s) → document ids, kept in step with every committed write. */
export class SecondaryIndex {
    protected readonly ids = new Map<string, Set<string>>();

    constructor(readonly keysOf: (document: StoredDocument) => string | readonly string[] | undefined) { }

    idsFor(key: string): string[] {
        return [...this.ids.get(key) ?? []];
    }

    update(document: StoredDocument, previous: StoredDocument | undefined): void {
        if (previous) {
            this.removeKeys(previous.id, this.keyList(previous));
        }
        for (const key of this.keyList(document)) {
            let set = this.ids.get(key);
            if (!set) {
                set = new Set();
                this.ids.set(key, set);
            }
            set.add(document.id);
        }
    }

    /** Forgets a document under the keys it was indexed by: visiting only those keeps a delete's cost independent of the store's size. */
    remove(document: StoredDocument): void {
        this.removeKeys(document.id, this.keyList(document));
    }

    protected removeKeys(id: string, keys: readonly string[]): void {
        for (const key of keys) {
            const set = this.ids.get(key);
            if (set?.delete(id) && set.size === 0) {
                this.ids.delete(key);
            }
        }
    }

    protected keyList(document: StoredDocument): readonly string[] {
        const keys = this.keysOf(document);
        return keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys;
    }
}
