import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import { Printer, PressworkError, messageOf } from '@presswork/platform/lib/common';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection, WorkflowsCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PrinterInput, PrinterInputSchema } from '../../common/workflow-protocol';
import { CustomActivitiesCollection } from '../workflow-collections';

/** A printer without id and version, kind by kind. */
type WithoutIdentity<T> = T extends unknown ? Omit<T, 'id' | 'version'> : never;
type PrinterFields = WithoutIdentity<Printer>;

/** A DNS name: dot-separated labels of letters, digits and inner hyphens (RFC 1123). */
const HOST_NAME = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/**
 * Printers as administrators manage them and operators switch them on and off. Input is checked
 * before it is stored: a hot folder must be an absolute folder that exists or can be created, a raw
 * socket a host name or address and a port. Names are unique, so a Print step's choice is clear.
 */
@injectable()
export class PrinterRegistry {
    @inject(DocumentStore) protected readonly store: DocumentStore;

    list(): Printer[] {
        return [...this.store.all(PrintersCollection)].sort((a, b) => a.name.localeCompare(b.name));
    }

    find(id: string): Printer | undefined {
        return this.store.get(PrintersCollection, id);
    }

    get(id: string): Printer {
        const printer = this.find(id);
        if (!printer) {
            throw PressworkError.NotFound('That printer no longer exists');
        }
        return printer;
    }

    async create(input: PrinterInput): Promise<Printer> {
        const fields = await this.checked(input);
        return this.store.create(PrintersCollection, { id: randomUUID(), ...fields } as Omit<Printer, 'version'>);
    }

    /** Refused as a conflict (by the store) when `version` is no longer the current one. */
    async update(id: string, version: number, input: PrinterInput): Promise<Printer> {
        this.get(id);
        const fields = await this.checked(input, id);
        return this.store.update(PrintersCollection, { id, version, ...fields } as Printer);
    }

    /** Refused while a workflow or custom activity prints to it: its Print steps would fail. */
    async delete(id: string, version: number): Promise<void> {
        const printer = this.get(id);
        const users = this.usersOf(id);
        if (users.length) {
            throw PressworkError.Refused(`${printer.name} is used by ${users.join(', ')}; choose another printer there first`);
        }
        await this.store.delete(PrintersCollection, id, version);
    }

    async setEnabled(id: string, enabled: boolean): Promise<Printer> {
        this.get(id);
        return this.store.modify(PrintersCollection, id, printer => ({ ...printer, enabled }));
    }

    /** Names of the workflows and custom activities whose Print properties name the printer. */
    protected usersOf(id: string): string[] {
        const workflows = [...this.store.all(WorkflowsCollection)]
            .filter(workflow => Object.values(workflow.phases).some(steps => steps.some(step => step.properties.printerId === id)))
            .map(workflow => `workflow ${workflow.name}`);
        const customs = [...this.store.all(CustomActivitiesCollection)]
            .filter(custom => custom.defaults.printerId === id)
            .map(custom => `custom activity ${custom.label}`);
        return [...workflows, ...customs];
    }

    protected async checked(input: PrinterInput, ownId?: string): Promise<PrinterFields> {
        const parsed = PrinterInputSchema.safeParse(input);
        if (!parsed.success) {
            throw PressworkError.InvalidInput(describeZodError(parsed.error));
        }
        const valid = { ...parsed.data, name: parsed.data.name.trim() };
        if (!valid.name) {
            throw PressworkError.InvalidInput('name: A printer needs a name');
        }
        const taken = this.list().find(printer => printer.id !== ownId && printer.name.toLowerCase() === valid.name.toLowerCase());
        if (taken) {
            throw PressworkError.InvalidInput(`name: There is a printer named ${taken.name} already`);
        }
        if (valid.kind === 'hot-folder') {
            return { ...valid, folder: await this.checkedFolder(valid.folder) };
        }
        const host = valid.host.trim();
        if (!net.isIP(host) && !HOST_NAME.test(host)) {
            throw PressworkError.InvalidInput(`host: ${JSON.stringify(host)} is neither a host name nor an IP address`);
        }
        return { ...valid, host };
    }

    /** An absolute folder, normalised, that exists (created if missing) and is a folder. */
    protected async checkedFolder(folder: string): Promise<string> {
        const trimmed = folder.trim();
        if (!path.isAbsolute(trimmed) || trimmed.includes('\0')) {
            throw PressworkError.InvalidInput('folder: The hot folder must be an absolute path, e.g. /srv/dfe/input');
        }
        const normalised = path.resolve(trimmed);
        try {
            await fs.mkdir(normalised, { recursive: true });
            const stats = await fs.stat(normalised);
            if (!stats.isDirectory()) {
                throw new Error('it is not a folder');
            }
        } catch (error) {
            throw PressworkError.InvalidInput(`folder: ${normalised} cannot be used as a hot folder: ${messageOf(error)}`);
        }
        return normalised;
    }
}
