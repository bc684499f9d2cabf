/** Test support: a simulator on a free loopback port with its clock at a known time. */
import { RunningSimulator, SimulatorOptions, startSimulator } from '../simulator';

/** Thanksgiving 2026, 08:00 in the store's zone (PST, −08:00). */
export const TEST_NOW = '2026-11-26T08:00:00-08:00';

export function startTestSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
    return startSimulator({ now: TEST_NOW, ...options });
}
