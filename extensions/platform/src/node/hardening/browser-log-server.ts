import { format } from 'node:util';
import type { ILoggerServer } from '@theia/core/lib/common/logger-protocol';
import type { RpcCaller } from '../rpc/rpc-caller';

/** Enough for an error message with its context; a browser gets no more than this into the server log per call. */
export const BROWSER_LOG_LINE_LIMIT = 2_000;

/** Line breaks, control and format characters (bidi overrides among them) that could forge or disguise log lines. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** One log line: every unprintable character written as an escape, the whole cut to `limit` characters. */
export function oneLogLine(text: string, limit = BROWSER_LOG_LINE_LIMIT): string {
    const escaped = text.replace(UNPRINTABLE, character => `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`);
    return escaped.length > limit ? `${escaped.slice(0, limit)}… (cut)` : escaped;
}

/**
 * What a browser reaches of Theia's logger service: its log lines enter the server log as one
 * line each, escaped and tagged with the signed-in user, under a `browser:` logger name, so no
 * browser can write a line that looks like the server's own. Log levels are the server's (the
 * contract refuses setting them).
 */
export class BrowserLogServer implements Pick<ILoggerServer, 'log' | 'getLogLevel' | 'child'> {
    constructor(protected readonly server: ILoggerServer, protected readonly caller: RpcCaller) { }

    async log(name: string, logLevel: number, message: unknown, params: unknown[]): Promise<void> {
        const user = this.caller.user();
        const text = format(message, ...params);
        await this.server.log(`browser:${oneLogLine(name, 100)}`, logLevel, `[from the browser of ${oneLogLine(user.name, 64)} (${user.authority})] ${oneLogLine(text)}`, []);
    }

    getLogLevel(name: string): Promise<number> {
        return this.server.getLogLevel(name);
    }

    child(name: string): Promise<void> {
        return this.server.child(name);
    }
}
