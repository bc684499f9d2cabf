import type { ChildProcess } from 'node:child_process';
import { forkChild, nextMessage } from './child-process';
import type { WriterCommand, WriterReply, WriterRequest } from './protocol';

const SCRIPT = 'write-latency-child.js';

/**
 * A child process that keeps its store (or file) open and times writes when asked. Keeping it open
 * lets the benchmark take turns between subjects in small batches without reopening anything.
 */
export class RemoteWriter {

    protected constructor(readonly name: string, protected readonly child: ChildProcess) { }

    static async start(name: string, request: WriterRequest): Promise<RemoteWriter> {
        const writer = new RemoteWriter(name, forkChild(SCRIPT, request));
        await writer.nextReply();
        return writer;
    }

    /** Milliseconds per write for `writes` sequential writes. */
    async measure(writes: number): Promise<number[]> {
        const reply = this.nextReply();
        this.send({ kind: 'measure', writes });
        const answer = await reply;
        if (answer.kind !== 'samples') {
            throw new Error(`${this.name}: expected samples, got ${answer.kind}`);
        }
        return answer.millis;
    }

    async stop(): Promise<void> {
        if (this.child.exitCode !== null || !this.child.connected) {
            return;
        }
        const exited = new Promise(resolve => this.child.once('exit', resolve));
        this.send({ kind: 'stop' });
        await exited;
    }

    protected nextReply(): Promise<WriterReply> {
        return nextMessage<WriterReply>(this.child, `${SCRIPT} (${this.name})`);
    }

    protected send(command: WriterCommand): void {
        this.child.send(command);
    }
}
