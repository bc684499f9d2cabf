import type { IntakeEndpoint } from '../intake-backend';

/** What a crash-test backend process is asked to do on its data folder; see crash-backend-child.ts. */
export type CrashBackendRequest = IntakeWork | EngineWork | CloseoutWork | GroupCommitWork | PrintWork | BatchWork | NotifyWork;

/** Poll the simulator's whole window once into the store in `folder`. */
export interface IntakeWork {
    readonly kind: 'intake';
    readonly folder: string;
    readonly endpoint: IntakeEndpoint;
    /** The poller's clock (fixed: a restart polls at the same instant). */
    readonly pollAt: string;
}

/** Start the workflow engine over the store in `folder` and run until every job is at the workflow's end. */
export interface EngineWork {
    readonly kind: 'engine';
    readonly folder: string;
    readonly jobs: number;
    readonly concurrency: number;
    readonly timeoutMs: number;
}

/** Close out every order of the list not yet closed, against the simulator the store's connection points at. */
export interface CloseoutWork {
    readonly kind: 'closeout';
    readonly folder: string;
    readonly orders: readonly { readonly id: string; readonly orderNumber: string }[];
    /** Attempts per order in one run before the run reports it as not closed. */
    readonly attempts: number;
}

/**
 * Many concurrent writers on one store (group commit, issue 16): each of `writers` writers owns
 * every `writers`-th of `documents` orders and writes them, in turns, until each is at `versions`
 * (creating it at version 1, then one change a version). Each write the store acknowledged is
 * reported to the parent at once.
 */
export interface GroupCommitWork {
    readonly kind: 'group-commit';
    readonly folder: string;
    readonly writers: number;
    readonly documents: number;
    readonly versions: number;
}

/**
 * Start the backend as `npm start` composes it (engine, printer follower) over `folder`, whose jobs
 * print to an IPP printer, until every job is at the workflow's end or waits for an operator.
 */
export interface PrintWork {
    readonly kind: 'print';
    readonly folder: string;
    readonly jobs: number;
    readonly timeoutMs: number;
}

/**
 * Batching (issue 12): the backend as `npm start` composes it over `folder`, whose workflow batches
 * jobs before printing them to an IPP printer; the orders of `<folder>/arrivals.json` not yet in
 * the store arrive one after another while it runs, until every job is at the workflow's end (or
 * waits for an operator, which the check then reports).
 */
export interface BatchWork {
    readonly kind: 'batch';
    readonly folder: string;
    readonly jobs: number;
    /** Between two orders' arrivals. */
    readonly arrivalPauseMs: number;
    readonly timeoutMs: number;
}

/**
 * Notifications (issue 13): the notifications backend over `folder`, with one webhook endpoint at
 * `webhookUrl` wanting `connection.failing`, publishes the `events` events of the fixture (ids
 * fixed, so what a start before the kill journaled is not journaled again) through EventPublisher,
 * and runs until every one's delivery to the endpoint is recorded as delivered.
 */
export interface NotifyWork {
    readonly kind: 'notify';
    readonly folder: string;
    readonly events: number;
    readonly webhookUrl: string;
    readonly timeoutMs: number;
}

/** Backend to parent: the store opened (with what it reported), writes acknowledged (group commit), then the work's end. */
export type CrashBackendMessage =
    | { readonly kind: 'opened'; readonly problems: readonly string[] }
    | { readonly kind: 'acknowledged'; readonly writes: readonly (readonly [id: string, version: number])[] }
    | { readonly kind: 'done'; readonly failures: readonly string[] };
