import { injectable } from '@theia/core/shared/inversify';
import { isAbortError, messageOf } from '@presswork/platform/lib/common/errors';
import { PlacedFile, placeFile } from '@presswork/platform/lib/node/files/file-placement';
import { linkedSignal } from '@presswork/platform/lib/node/linked-signal';
import { PrinterTransportError } from './printer-transport-error';

export interface HotFolderDelivery {
    /** The print file. */
    readonly file: string;
    /** The DFE's input folder. */
    readonly folder: string;
    /** The name the DFE sees; a taken name gets ` (2)`, ` (3)`, …: a file waiting there is never replaced. */
    readonly name: string;
    /** Job and step: a repeat after a crash clears the interrupted attempt's temporary file. */
    readonly owner: string;
    readonly signal: AbortSignal;
    /** What to do when `name` is taken; `keep-both` (a numbered name) unless said otherwise. */
    readonly onCollision?: 'keep-both' | 'fail';
    /** Called when the bytes start to flow (the job shows Printing). */
    readonly onSending?: () => Promise<void>;
}

/**
 * Delivers a print file to a DFE's hot folder. The DFE only ever sees the whole file under its
 * final name: the copy is written under a hidden temporary name in the same folder, flushed, then
 * named in one step; a failed or timed-out copy removes its temporary file.
 */
@injectable()
export class HotFolderSender {
    /** A folder on a hung network share must not hold the job for ever. */
    timeoutMs = 10 * 60_000;

    async send(delivery: HotFolderDelivery): Promise<PlacedFile> {
        await delivery.onSending?.();
        const copying = linkedSignal([delivery.signal], this.timeoutMs);
        try {
            return await placeFile({
                source: delivery.file, folder: delivery.folder, name: delivery.name, owner: delivery.owner,
                onCollision: delivery.onCollision ?? 'keep-both', signal: copying.signal
            });
        } catch (error) {
            if (delivery.signal.aborted) {
                throw delivery.signal.reason;
            }
            if (copying.signal.aborted && isAbortError(error)) {
                throw new PrinterTransportError('timed-out', `copying into ${delivery.folder} took longer than ${Math.round(this.timeoutMs / 1000)} s`);
            }
            if ((error as NodeJS.ErrnoException).path === delivery.file) {
                // The print file itself is unreadable: retrying the printer cannot help.
                throw error;
            }
            throw new PrinterTransportError('unwritable', messageOf(error));
        } finally {
            copying.dispose();
        }
    }
}
