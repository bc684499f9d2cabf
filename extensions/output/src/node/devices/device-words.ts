/** A file's size for a log line: "812 bytes", "48 kB", "3.1 MB". */
export function sizeInWords(bytes: number): string {
    if (bytes < 1000) {
        return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
    }
    if (bytes < 1_000_000) {
        return `${Math.round(bytes / 1000)} kB`;
    }
    return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
