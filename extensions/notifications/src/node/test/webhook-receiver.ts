import * as http from 'node:http';
import type * as net from 'node:net';

/** One request as the receiver got it. */
export interface ReceivedRequest {
    readonly method: string;
    readonly url: string;
    readonly headers: http.IncomingHttpHeaders;
    readonly body: string;
}

/** How the receiver answers a request: a status (and headers, a body), never, or 200 with a body that never ends. */
export type Answer = { readonly status: number; readonly headers?: Record<string, string>; readonly body?: string | Buffer } | 'hang' | 'endless';

/** An HTTP server on 127.0.0.1, on a free port, that records requests and answers as told. */
export class WebhookReceiver {
    readonly requests: ReceivedRequest[] = [];
    /** Answers in turn; the last one repeats. */
    answers: Answer[] = [{ status: 200 }];
    protected readonly sockets = new Set<net.Socket>();

    protected constructor(protected readonly server: http.Server, readonly port: number) {
        server.on('connection', socket => {
            this.sockets.add(socket);
            socket.on('close', () => this.sockets.delete(socket));
        });
    }

    static async start(): Promise<WebhookReceiver> {
        const server = http.createServer();
        const port = await new Promise<number>(resolve => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
        const receiver = new WebhookReceiver(server, port);
        server.on('request', (request, response) => receiver.handle(request, response));
        return receiver;
    }

    url(path = '/hooks/presswork'): string {
        return `http://127.0.0.1:${this.port}${path}`;
    }

    protected handle(request: http.IncomingMessage, response: http.ServerResponse): void {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
            this.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
            const answer = this.answers[Math.min(this.requests.length - 1, this.answers.length - 1)];
            if (answer === 'hang') {
                return;
            }
            if (answer === 'endless') {
                response.writeHead(200, { 'Content-Type': 'text/plain' });
                const chunk = Buffer.alloc(16 * 1024, 'x');
                const more = (): void => {
                    while (!response.destroyed && response.write(chunk)) { /* until the socket pushes back */ }
                };
                response.on('drain', more);
                more();
                return;
            }
            response.writeHead(answer.status, answer.headers);
            response.end(answer.body);
        });
    }

    stop(): Promise<void> {
        return new Promise(resolve => {
            this.sockets.forEach(socket => socket.destroy());
            this.server.close(() => resolve());
        });
    }
}
