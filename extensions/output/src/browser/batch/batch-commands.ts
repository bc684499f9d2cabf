import { Command } from '@theia/core/lib/common/command';

/** The Batches view's command and the batch actions' ids (More menu of the All Jobs pod). */
export namespace BatchCommands {
    export const OPEN_BATCHES: Command = Command.toLocalizedCommand(
        { id: 'presswork.output.openBatches', label: 'Batches', category: 'Presswork' }, 'presswork/output/commandOpenBatches', 'presswork/output/categoryViews');
    export const RELEASE_NOW = 'presswork.output.releaseBatchNow';
    export const REMOVE_FROM_BATCH = 'presswork.output.removeFromBatch';
    export const SPLIT_BATCH = 'presswork.output.splitBatch';
}
