import { randomUUID } from 'node:crypto';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { z } from 'zod';
import { PressworkError } from '@presswork/platform/lib/common/errors';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import type { StoredDocument } from '@presswork/platform/lib/common/store-protocol';
import { DocumentStore, type DocumentCollection } from '@presswork/platform/lib/node/store/document-store';

export interface NamedDocument extends StoredDocument {
    readonly name: string;
}

/** Parses RPC or service input, refusing it with the field named. */
export function parsedInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
        throw PressworkError.InvalidInput(describeZodError(parsed.error));
    }
    return parsed.data;
}

/** Refuses `name` when another document of the list (`ownId` excepted) has it, whatever its case. */
export function checkUniqueName(documents: Iterable<NamedDocument>, name: string, what: string, ownId?: string): void {
    for (const document of documents) {
        if (document.id !== ownId && document.name.toLowerCase() === name.toLowerCase()) {
            throw PressworkError.InvalidInput(`name: There is ${what} named ${document.name} already`);
        }
    }
}

/**
 * A collection of documents with unique names that administrators manage (printer pools, the
 * media catalog): listed by name, checked on the way in, and deleted only when nothing uses them.
 */
@injectable()
export abstract class NamedDocuments<T extends NamedDocument, I> {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    protected abstract readonly collection: DocumentCollection<T>;
    /** "a pool", "a medium": how a refusal names one of them. */
    protected abstract readonly what: string;
    protected abstract readonly inputSchema: z.ZodType<Omit<T, 'id' | 'version'>, I>;

    /** Names of what uses the document; deleting it is refused while there are any. */
    protected abstract usersOf(document: T): string[];

    list(): T[] {
        return [...this.store.all(this.collection)].sort((a, b) => a.name.localeCompare(b.name));
    }

    find(id: string): T | undefined {
        return this.store.get(this.collection, id);
    }

    get(id: string): T {
        const document = this.find(id);
        if (!document) {
            throw PressworkError.NotFound(`That ${this.what.replace(/^an? /, '')} no longer exists`);
        }
        return document;
    }

    async create(input: I): Promise<T> {
        const fields = this.checked(input);
        return this.store.create(this.collection, { id: randomUUID(), ...fields } as Omit<T, 'version'> as never);
    }

    /** Refused as a conflict (by the store) when `version` is no longer the current one. */
    async update(id: string, version: number, input: I): Promise<T> {
        this.get(id);
        const fields = this.checked(input, id);
        return this.store.update(this.collection, { ...fields, id, version } as unknown as T);
    }

    async delete(id: string, version: number): Promise<void> {
        const document = this.get(id);
        const users = this.usersOf(document);
        if (users.length) {
            throw PressworkError.Refused(`${document.name} is used by ${users.join(', ')}; change those first`);
        }
        await this.store.delete(this.collection, id, version);
    }

    protected checked(input: I, ownId?: string): Omit<T, 'id' | 'version'> {
        const fields = parsedInput(this.inputSchema, input);
        checkUniqueName(this.list(), fields.name, this.what, ownId);
        this.checkFields(fields);
        return fields;
    }

    /** Further checks of valid input against other documents. */
    protected checkFields(_fields: Omit<T, 'id' | 'version'>): void { }
}
