import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_ORDER_INTERVAL_MS } from './demo/demo-order-generator';
import { SimulatorOptions } from './simulator';

export const USAGE = `Usage: npm run simulator -- [options]

  --port N                 port to listen on (default 0: a free port)
  --host ADDRESS           address to listen on (default 127.0.0.1)
  --state FILE             keep the store in this JSON file across restarts
  --demo                   place a demo order every ${DEFAULT_DEMO_ORDER_INTERVAL_MS} ms
  --demo-interval MS       place a demo order every MS milliseconds
  --time-zone ZONE         the store's IANA time zone (default America/Los_Angeles)
  --order-token TOKEN      token for Order and JobTicket (default: random)
  --closeout-token TOKEN   separate token for PackingSlip, Invoice, Settlement (default: random;
                           without it the order token closes out too)
  --poll-limit MS          minimum ms between two date polls by one token (default: off)
  --hide-file-urls         empty FinalOutputFileURL/URL until the file is ready
  --help                   show this text`;

export type CliCommand = { kind: 'help' } | { kind: 'start'; options: SimulatorOptions };

export class CliUsageError extends Error {
    override readonly name = 'CliUsageError';
}

function wholeNumber(name: string, value: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    const number = Number(value);
    if (!/^\d+$/.test(value) || number > max) {
        throw new CliUsageError(`--${name} expects a whole number, got ${value}`);
    }
    return number;
}

export function parseCliArgs(args: readonly string[]): CliCommand {
    let values;
    try {
        ({ values } = parseArgs({
            args: [...args],
            strict: true,
            allowPositionals: false,
            options: {
                port: { type: 'string' },
                host: { type: 'string' },
                state: { type: 'string' },
                demo: { type: 'boolean' },
                'demo-interval': { type: 'string' },
                'time-zone': { type: 'string' },
                'order-token': { type: 'string' },
                'closeout-token': { type: 'string' },
                'poll-limit': { type: 'string' },
                'hide-file-urls': { type: 'boolean' },
                help: { type: 'boolean', short: 'h' }
            }
        }));
    } catch (error) {
        throw new CliUsageError((error as Error).message);
    }
    if (values.help) {
        return { kind: 'help' };
    }
    const demoInterval = wholeNumber('demo-interval', values['demo-interval']);
    return {
        kind: 'start',
        options: {
            port: wholeNumber('port', values.port, 65535),
            host: values.host,
            stateFile: values.state,
            demoOrderIntervalMs: demoInterval ?? (values.demo ? DEFAULT_DEMO_ORDER_INTERVAL_MS : undefined),
            timeZone: values['time-zone'],
            orderToken: values['order-token'],
            closeoutToken: values['closeout-token'],
            pollLimit: wholeNumber('poll-limit', values['poll-limit']),
            hideFileUrlUntilReady: values['hide-file-urls']
        }
    };
}
