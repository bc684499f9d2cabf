import * as path from 'node:path';
import { inject, injectable } from '@theia/core/shared/inversify';
import type { StoreProblem, StoreProblemsService } from '../../common/store-problems-protocol';
import { DocumentStore } from '../store/document-store';
import { PressworkConfig } from '../presswork-config';

/** What the store could not load at start, for administrators; files named within the data folder. */
@injectable()
export class StoreProblemsServiceImpl implements StoreProblemsService {
    @inject(DocumentStore) protected readonly store: DocumentStore;
    @inject(PressworkConfig) protected readonly config: PressworkConfig;

    async list(): Promise<StoreProblem[]> {
        return this.store.problems.map(({ collection, id, file, reason }) => ({
            collection, id, reason, file: path.relative(this.config.dataFolder, file)
        }));
    }
}
