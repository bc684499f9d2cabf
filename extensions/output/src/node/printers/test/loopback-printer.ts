import * as net from 'node:net';

/** A raw-socket printer on 127.0.0.1: keeps the bytes of each connection, closes when the sender ends. */
export class LoopbackPrinter {
    readonly jobs: Buffer[] = [];
    protected readonly sockets = new Set<net.Socket>();
    protected waiting: ((job: Buffer) => void)[] = [];

    protected constructor(protected readonly server: net.Server, readonly port: number) { }

    /** `stalled`: accepts connections but never reads, as a jammed printer. */
    static async start(options: { stalled?: boolean } = {}): Promise<LoopbackPrinter> {
        const server = net.createServer();
        await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
        const printer = new LoopbackPrinter(server, (server.address() as net.AddressInfo).port);
        server.on('connection', socket => printer.accept(socket, options.stalled ?? false));
        return printer;
    }

    /** The next job the printer finishes receiving. */
    nextJob(): Promise<Buffer> {
        return new Promise(resolve => this.waiting.push(resolve));
    }

    async close(): Promise<void> {
        for (const socket of this.sockets) {
            socket.destroy();
        }
        await new Promise(resolve => this.server.close(resolve));
    }

    protected accept(socket: net.Socket, stalled: boolean): void {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
        if (stalled) {
            socket.pause();
            return;
        }
        const chunks: Buffer[] = [];
        socket.on('data', chunk => chunks.push(chunk));
        socket.on('end', () => {
            const job = Buffer.concat(chunks);
            this.jobs.push(job);
            this.waiting.forEach(resolve => resolve(job));
            this.waiting = [];
        });
    }
}

/** A loopback port nothing listens on: taken, then given back. */
export async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise(resolve => server.close(resolve));
    return port;
}
