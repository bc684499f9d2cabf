import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import { PressworkError, messageOf } from '@presswork/platform/lib/common/errors';
import { HOST_NAME_PATTERN, type Printer } from '@presswork/platform/lib/common/printer-schema';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import { DocumentStore } from '@presswork/platform/lib/node/store/document-store';
import { PrintersCollection } from '@presswork/platform/lib/node/store/platform-collections';
import { PrinterInput, PrinterInputSchema } from '../../common/output-protocol';
import { parsedInput, checkUniqueName } from '../catalog/named-documents';
import { PrinterPools } from '../catalog/printer-pools';
import { StepReferences } from '../step-references';

/** A printer without id and version, kind by kind. */
type WithoutIdentity<T> = T extends unknown ? Omit<T, 'id' | 'version'> : never;
type PrinterFields = WithoutIdentity<Printer>;

/**
 * Printers as administrators manage them and operators switch them on and off. Input is checked
 * before it is stored: a hot folder must be an absolute folder that exists or can be created, a raw
 * socket a host name or address and a port, an IPP printer an ipp:// or ipps:// URI. Names are
 * unique, so a Print step's choice is clear. An IPP printer's password is sealed on the way in
 * (SecretBox, as connection tokens are) and never returned: `open` it only to talk to the printer.
 */
@injectable()
export class PrinterRegistry {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(SecretBox) protected readonly secrets: SecretBox;
    @inject(StepReferences) protected readonly references: StepReferences;
    @inject(PrinterPools) protected readonly pools: PrinterPools;

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

    /** An IPP printer's password, opened for the backend's own use (never for a browser). */
    passwordOf(printer: Printer): string | undefined {
        return printer.kind === 'ipp' && printer.password ? this.secrets.open(printer.password) : undefined;
    }

    async create(input: PrinterInput): Promise<Printer> {
        const fields = await this.checked(input);
        return this.store.create(PrintersCollection, { id: randomUUID(), ...fields } as Omit<Printer, 'version'>);
    }

    /** Refused as a conflict (by the store) when `version` is no longer the current one. */
    async update(id: string, version: number, input: PrinterInput): Promise<Printer> {
        const current = this.get(id);
        const fields = await this.checked(input, current);
        return this.store.update(PrintersCollection, { id, version, ...fields } as Printer);
    }

    /** Refused while a workflow, custom activity or pool prints to it: its Print steps would fail. */
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

    /** Names of the workflows, custom activities and pools that print to the printer. */
    protected usersOf(id: string): string[] {
        const pools = this.pools.poolsWith(id).map(pool => `pool ${pool.name}`);
        return [...this.references.referencesTo('printerId', id), ...pools];
    }

    /** The stored fields for valid input; `current`, on an update, keeps an IPP password not typed again. */
    protected async checked(input: PrinterInput, current?: Printer): Promise<PrinterFields> {
        const parsed = parsedInput(PrinterInputSchema, input);
        const name = parsed.name.trim();
        if (!name) {
            throw PressworkError.InvalidInput('name: A printer needs a name');
        }
        checkUniqueName(this.list(), name, 'a printer', current?.id);
        if (parsed.kind === 'hot-folder') {
            return { ...parsed, name, folder: await this.checkedFolder(parsed.folder) };
        }
        if (parsed.kind === 'ipp') {
            const { password, clearPassword, userName, ...rest } = parsed;
            const kept = current?.kind === 'ipp' && !clearPassword ? current.password : undefined;
            const sealed = password ? this.secrets.seal(password) : kept;
            return { ...rest, name, ...(userName?.trim() ? { userName: userName.trim() } : {}), ...(sealed ? { password: sealed } : {}) };
        }
        const host = parsed.host.trim();
        if (!net.isIP(host) && !HOST_NAME_PATTERN.test(host)) {
            throw PressworkError.InvalidInput(`host: ${JSON.stringify(host)} is neither a host name nor an IP address`);
        }
        return { ...parsed, name, host };
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
