import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';

/**
 * Starts one of the scripts beside this one in a fresh Node process. A fresh process holds only
 * what it measures, so neither its memory nor its garbage collection is weighed down by the
 * fixtures or by the other stores.
 */
export function forkChild(script: string, request: unknown): ChildProcess {
    return fork(path.join(__dirname, script), [JSON.stringify(request)], { execArgv: ['--expose-gc'] });
}

/** Resolves with the next message from the child; rejects if it ends first. */
export function nextMessage<M>(child: ChildProcess, script: string): Promise<M> {
    return new Promise((resolve, reject) => {
        const onExit = (code: number | null): void => reject(new Error(`${script} ended (exit code ${code}) before it answered`));
        child.once('exit', onExit);
        child.once('message', message => {
            child.off('exit', onExit);
            resolve(message as M);
        });
    });
}

/** Runs a one-shot child script and resolves with the one message it sends. */
export async function runChild<R>(script: string, request: unknown): Promise<R> {
    const child = forkChild(script, request);
    const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
    const result = await nextMessage<R>(child, script);
    await exited;
    return result;
}

/** The child's side of `runChild`: reads the request, sends the result, and lets the process end. */
export function serveRequest<Q, R>(measure: (request: Q) => Promise<R>): void {
    const request = JSON.parse(process.argv[2]) as Q;
    measure(request)
        .then(result => process.send!(result, () => process.disconnect()))
        .catch(error => {
            console.error(error);
            process.exitCode = 1;
            process.disconnect();
        });
}
