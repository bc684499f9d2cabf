import { setTimeout as delay } from 'node:timers/promises';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import type { Connection, ProductionTemplate, Workflow } from '@presswork/platform/lib/common';
import { FileDocumentStore } from '@presswork/platform/lib/node/store/file-document-store';
import { PLATFORM_COLLECTIONS } from '@presswork/platform/lib/node/store/platform-collections';
import { CONNECTIONS_COLLECTIONS } from '../connection-collections';

/** A temporary folder, created for a test and removed after it. */
export class TempFolder {
    protected constructor(readonly path: string) { }

    static async create(prefix = 'presswork-connections-'): Promise<TempFolder> {
        return new TempFolder(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
    }

    join(...parts: string[]): string {
        return path.join(this.path, ...parts);
    }

    async remove(): Promise<void> {
        await fs.rm(this.path, { recursive: true, force: true });
    }
}

/** A real file store over `folder` with the platform's and the connections' collections. */
export async function openTestStore(folder: string): Promise<FileDocumentStore> {
    const store = new FileDocumentStore({ folder, collections: [...PLATFORM_COLLECTIONS, ...CONNECTIONS_COLLECTIONS] });
    await store.ready;
    return store;
}

export interface StubLogger {
    readonly info: sinon.SinonStub;
    readonly warn: sinon.SinonStub;
    readonly error: sinon.SinonStub;
    readonly debug: sinon.SinonStub;
}

/** A logger whose methods record their calls and resolve, as Theia's do. */
export function stubLogger(): StubLogger {
    return { info: sinon.stub().resolves(), warn: sinon.stub().resolves(), error: sinon.stub().resolves(), debug: sinon.stub().resolves() };
}

/** Assigns an injectable's protected fields, as the container would. */
export function inject<T extends object>(instance: T, fields: Record<string, unknown>): T {
    Object.assign(instance as unknown as Record<string, unknown>, fields);
    return instance;
}

/** A connection document as stored (without its version). */
export function connectionDocument(id = 'conn-1', overrides: Partial<Connection> = {}): Omit<Connection, 'version'> {
    return {
        id,
        name: `Store ${id}`,
        description: '',
        type: 'MarcomCentral',
        endpointUrl: 'https://store.example.com/services',
        timeZone: 'America/Los_Angeles',
        pollingIntervalSeconds: 300,
        firstLookBackHours: 24,
        enabled: true,
        demo: false,
        ...overrides
    };
}

/** A minimal valid workflow document (without its version). */
export function workflowDocument(id = 'wf-digital', name = 'Digital print'): Omit<Workflow, 'version'> {
    return {
        id,
        name,
        description: '',
        enabled: true,
        jobDefaults: {},
        jobOverrides: {},
        phases: {
            Receive: [{ id: 'receive', activity: 'receive', properties: {} }],
            Prepare: [],
            Print: [],
            Complete: [{ id: 'complete', activity: 'complete', properties: {} }]
        },
        updatedAt: '2026-01-01T00:00:00.000Z'
    };
}

/** A production template as stored, version 1. */
export function template(name: string, match: ProductionTemplate['match'], overrides: Partial<ProductionTemplate> = {}): ProductionTemplate {
    return {
        id: `tpl-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        version: 1,
        name,
        description: '',
        match,
        workflowId: 'wf-digital',
        defaults: { properties: {} },
        enabled: true,
        ...overrides
    };
}

/** Polls `condition` until it holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await delay(5);
    }
}
