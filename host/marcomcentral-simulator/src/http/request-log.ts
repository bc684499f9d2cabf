/** One exchange as the wire saw it, with every token masked. */
export interface LogEntry {
    readonly seq: number;
    readonly at: string;
    readonly method: string;
    readonly url: string;
    readonly requestHeaders: Readonly<Record<string, string>>;
    readonly requestBody: string;
    readonly status: number | 'held';
    readonly responseHeaders: Readonly<Record<string, string>>;
    readonly responseBody: string;
    readonly durationMs: number;
}

export const MASK = '***';
const DEFAULT_CAPACITY = 500;
const MAX_BODY_CHARS = 64 * 1024;

/**
 * A bounded ring buffer of raw requests and responses (GET /_sim/log). Tokens never reach it:
 * `<Token>` contents, bearer credentials and any known token text are masked.
 */
export class RequestLog {
    private readonly entries: LogEntry[] = [];
    private seq = 0;

    constructor(private readonly secrets: () => readonly string[], private readonly capacity = DEFAULT_CAPACITY) { }

    add(entry: Omit<LogEntry, 'seq' | 'requestBody' | 'responseBody' | 'requestHeaders' | 'url'> & {
        url: string; requestHeaders: Record<string, string>; requestBody: string; responseBody: string;
    }): void {
        this.seq += 1;
        this.entries.push({
            ...entry,
            seq: this.seq,
            url: this.mask(entry.url),
            requestHeaders: Object.fromEntries(Object.entries(entry.requestHeaders).map(([name, value]) => [
                name, name.toLowerCase() === 'authorization' ? value.replace(/^(\S+\s+).*$/, `$1${MASK}`) : this.mask(value)
            ])),
            requestBody: this.mask(clip(entry.requestBody)),
            responseBody: this.mask(clip(entry.responseBody))
        });
        if (this.entries.length > this.capacity) {
            this.entries.splice(0, this.entries.length - this.capacity);
        }
    }

    list(): LogEntry[] {
        return [...this.entries];
    }

    clear(): void {
        this.entries.length = 0;
    }

    mask(text: string): string {
        let masked = text.replace(/(<(?:[\w.-]+:)?Token\b[^>]*>)[^<]*(<\/)/g, `$1${MASK}$2`);
        for (const secret of this.secrets()) {
            if (secret) {
                masked = masked.split(secret).join(MASK);
            }
        }
        return masked;
    }
}

function clip(body: string): string {
    return body.length <= MAX_BODY_CHARS
        ? body
        : `${body.slice(0, MAX_BODY_CHARS)}… [${body.length - MAX_BODY_CHARS} more characters not logged]`;
}
