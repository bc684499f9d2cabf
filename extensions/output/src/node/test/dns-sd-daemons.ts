import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

const run = promisify(execFile);

const DBUS_PID_FILE = '/run/dbus/pid';
const DBUS_SOCKET = '/run/dbus/system_bus_socket';

/**
 * avahi held to loopback: nothing is announced beyond this machine. Publishing stays on, since
 * ippeveprinter aborts when it cannot register its service.
 */
const AVAHI_CONF = [
    '[server]',
    'use-ipv4=yes',
    'use-ipv6=no',
    'allow-interfaces=lo',
    '[wide-area]',
    'enable-wide-area=no',
    '[reflector]',
    'enable-reflector=no',
    ''
].join('\n');

export interface DnsSdDaemons {
    /** Which of them this call started (they stay running: other tests and engineers share them). */
    readonly started: readonly ('dbus' | 'avahi')[];
}

/**
 * Makes sure the D-Bus system bus and avahi-daemon run, as `ippeveprinter` needs them ("Unable to
 * initialize DNS-SD" otherwise). Starts each only when it is absent; never stops or replaces one
 * that runs. Needs root (the system bus lives in /run). Safe to call from parallel processes: a
 * start that loses the race is fine as long as the daemon then runs.
 */
export async function ensureDnsSdDaemons(): Promise<DnsSdDaemons> {
    const started: ('dbus' | 'avahi')[] = [];
    if (!await dbusRuns()) {
        await fs.mkdir(path.dirname(DBUS_PID_FILE), { recursive: true });
        // A pid file left by a daemon that died makes dbus-daemon refuse to start.
        await fs.rm(DBUS_PID_FILE, { force: true });
        await run('dbus-daemon', ['--system', '--fork']).catch(() => undefined);
        await waitFor(dbusRuns, 'the D-Bus system bus');
        started.push('dbus');
    }
    if (!await avahiRuns()) {
        const folder = path.join(os.tmpdir(), 'presswork-avahi');
        await fs.mkdir(folder, { recursive: true });
        const conf = path.join(folder, 'avahi-daemon.conf');
        await fs.writeFile(conf, AVAHI_CONF);
        await run('avahi-daemon', ['-D', '--no-drop-root', '--no-chroot', '-f', conf]).catch(() => undefined);
        await waitFor(avahiRuns, 'avahi-daemon');
        started.push('avahi');
    }
    return { started };
}

async function dbusRuns(): Promise<boolean> {
    try {
        const pid = Number((await fs.readFile(DBUS_PID_FILE, 'utf8')).trim());
        const name = (await fs.readFile(`/proc/${pid}/comm`, 'utf8')).trim();
        await fs.access(DBUS_SOCKET);
        return name === 'dbus-daemon';
    } catch {
        return false;
    }
}

/** `avahi-daemon --check` exits 0 when a daemon runs (it reads the pid file and checks the process). */
async function avahiRuns(): Promise<boolean> {
    try {
        await run('avahi-daemon', ['--check']);
        return true;
    } catch {
        return false;
    }
}

async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!await condition()) {
        if (Date.now() > deadline) {
            throw new Error(`${what} did not start within ${timeoutMs / 1000} s (are we root, and is it installed? see setup)`);
        }
        await delay(50);
    }
}
