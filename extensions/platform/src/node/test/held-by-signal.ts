import { getEventListeners } from 'node:events';

/**
 * What a signal holds for others: its abort listeners, and the signals `AbortSignal.any` derived
 * from it (Node keeps those in an internal set that, on Node 20, is never pruned). A long-lived
 * signal that holds more and more of these leaks.
 */
export function heldBySignal(signal: AbortSignal): number {
    const dependants = Object.getOwnPropertySymbols(signal).find(symbol => symbol.description === 'kDependantSignals');
    const derived = dependants ? (signal as unknown as Record<symbol, Set<unknown> | undefined>)[dependants]?.size ?? 0 : 0;
    return getEventListeners(signal, 'abort').length + derived;
}
