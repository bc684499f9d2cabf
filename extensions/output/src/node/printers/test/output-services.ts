import * as assert from 'node:assert/strict';
import type { ContributionProvider } from '@theia/core/lib/common/contribution-provider';
import type { StepReferenceContribution } from '@presswork/platform/lib/common/step-reference-contribution';
import { SecretBox } from '@presswork/platform/lib/node/secrets/secret-box';
import type { DocumentStore } from '@presswork/platform/lib/node/store/document-store';

import { inject } from '@presswork/platform/lib/node/test/inject';
import { TempFolder, openStore } from '@presswork/platform/lib/node/test/temp-store';
import { OUTPUT_COLLECTIONS } from '../../output-collections';
import { MediaCatalog } from '../../catalog/media-catalog';
import { PrinterPools } from '../../catalog/printer-pools';
import { StepReferences } from '../../step-references';
import { PrinterRegistry } from '../printer-registry';

export interface OutputServices {
    readonly printers: PrinterRegistry;
    readonly pools: PrinterPools;
    readonly media: MediaCatalog;
    readonly secrets: SecretBox;
}

/**
 * Output's registries over a store, wired as the backend module wires them; `contributions` stand
 * for what other extensions answer about references (workflow's custom activities).
 */
export function outputServices(store: DocumentStore, keyFile: string, contributions: StepReferenceContribution[] = []): OutputServices {
    const provider: ContributionProvider<StepReferenceContribution> = { getContributions: () => contributions };
    const references = inject(new StepReferences(), { store, contributions: provider });
    const pools = inject(new PrinterPools(), { store, references });
    const media = inject(new MediaCatalog(), { store, references });
    const secrets = new SecretBox(keyFile);
    const printers = inject(new PrinterRegistry(), { store, secrets, references, pools });
    return { printers, pools, media, secrets };
}

/**
 * A temporary store with output's collections and its registries; `customActivities` holds what
 * workflow would answer about references (`"printerId=<id>"` → names).
 */
export class OutputFixture {
    customActivities: Record<string, string[]> = {};
    readonly services: OutputServices;

    protected constructor(readonly temp: TempFolder, readonly store: DocumentStore) {
        this.services = outputServices(store, temp.join('data', 'keys', 'secrets.key'), [
            { referencesTo: (key, value) => this.customActivities[`${key}=${value}`] ?? [] }
        ]);
    }

    static async open(prefix: string): Promise<OutputFixture> {
        const temp = await TempFolder.create(prefix);
        return new OutputFixture(temp, await openStore(temp.join('data'), OUTPUT_COLLECTIONS));
    }

    async dispose(): Promise<void> {
        await this.store.close();
        await this.temp.remove();
    }
}

/** The error a refused call rejects with. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
    const error = await promise.then(() => undefined, caught => caught);
    assert.ok(error, 'it was refused');
    return error as { code: number; message: string };
}
