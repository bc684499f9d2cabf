import type { SimulatorLog } from './simulator-log';

/** The simulator's log when it runs on its own (its CLI, tests): the console, as any command-line tool. */
export const CONSOLE_LOG: SimulatorLog = {
    error: (message, ...details) => console.error(`marcomcentral-simulator: ${message}`, ...details)
};
