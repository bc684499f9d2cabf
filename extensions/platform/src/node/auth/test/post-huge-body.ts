import * as http from 'node:http';

export interface HugeBodyOutcome {
    readonly status: number;
    readonly body: string;
    /** Bytes handed to the socket before the answer came (or the server closed the connection). */
    readonly sent: number;
    /**
     * The server closed the connection while the body was still going out, and the write failed
     * before the answer could be read (EPIPE, ECONNRESET): also a refusal before reading it all.
     */
    readonly closedEarly: boolean;
}

/**
 * Posts `totalBytes` of form body to `url` (declaring its length), pausing on back-pressure and
 * stopping once the server answers: tells whether a server refuses a huge body before reading it.
 */
export function postHugeBody(url: string, totalBytes: number, headers: http.OutgoingHttpHeaders = {}): Promise<HugeBodyOutcome> {
    const target = new URL(url);
    return new Promise((resolve, reject) => {
        const request = http.request({
            host: target.hostname, port: target.port, path: target.pathname, method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(totalBytes), ...headers }
        });
        const chunk = Buffer.alloc(256 * 1024, 'a');
        let sent = 0;
        let answer: { status: number, body: string } | undefined;
        request.on('response', response => {
            let body = '';
            response.setEncoding('utf8');
            response.on('data', text => body += text);
            response.on('end', () => {
                answer = { status: response.statusCode ?? 0, body };
                request.destroy();
                resolve({ ...answer, sent, closedEarly: false });
            });
        });
        // The server may close the connection once it has answered: that ends the upload, which is the point.
        request.on('error', (error: NodeJS.ErrnoException) => {
            if (answer) {
                resolve({ ...answer, sent, closedEarly: false });
            } else if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
                resolve({ status: 0, body: '', sent, closedEarly: true });
            } else {
                reject(error);
            }
        });
        const pump = (): void => {
            while (sent < totalBytes && !request.destroyed) {
                sent += chunk.byteLength;
                if (!request.write(chunk)) {
                    request.once('drain', pump);
                    return;
                }
            }
            if (!request.destroyed) {
                request.end();
            }
        };
        pump();
    });
}
