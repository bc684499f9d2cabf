/**
 * Where the simulator reports failures it cannot answer in a response: the logger of the host that
 * embeds it (Theia's ILogger fits), or the console when it runs on its own.
 */
export interface SimulatorLog {
    error(message: string, ...details: unknown[]): void;
}
