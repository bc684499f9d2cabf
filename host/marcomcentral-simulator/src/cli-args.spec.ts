import assert from 'node:assert/strict';
import { CliUsageError, parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
    it('maps the flags to simulator options', () => {
        assert.deepEqual(parseCliArgs(['--port', '8080', '--host', '0.0.0.0', '--state', 'sim.json', '--demo-interval', '5000', '--time-zone', 'Europe/Berlin', '--poll-limit', '300000']), {
            kind: 'start',
            options: {
                port: 8080, host: '0.0.0.0', stateFile: 'sim.json', demoOrderIntervalMs: 5000, timeZone: 'Europe/Berlin',
                orderToken: undefined, closeoutToken: undefined, pollLimit: 300000, hideFileUrlUntilReady: undefined
            }
        });
    });

    it('defaults to nothing but a free port, and --demo to every 30 s', () => {
        const start = parseCliArgs([]);
        assert.equal(start.kind, 'start');
        assert.equal(start.kind === 'start' && start.options.port, undefined);
        const demo = parseCliArgs(['--demo']);
        assert.equal(demo.kind === 'start' && demo.options.demoOrderIntervalMs, 30_000);
    });

    it('refuses bad values and unknown flags', () => {
        assert.throws(() => parseCliArgs(['--port', 'eighty']), CliUsageError);
        assert.throws(() => parseCliArgs(['--port', '70000']), CliUsageError);
        assert.throws(() => parseCliArgs(['--colour']), CliUsageError);
        assert.deepEqual(parseCliArgs(['--help']), { kind: 'help' });
    });
});
