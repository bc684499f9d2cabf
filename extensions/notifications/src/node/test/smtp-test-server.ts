import * as net from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the server took it. */
export interface ReceivedMail {
    readonly from: string;
    readonly to: readonly string[];
    /** The raw message: headers and MIME body. */
    readonly raw: string;
    /** Whether the session was encrypted (SMTPS or after STARTTLS). */
    readonly secure: boolean;
    readonly user?: string;
}

export interface SmtpTestServerOptions {
    /** TLS from the first byte (SMTPS) with this key and certificate. */
    readonly smtps?: { readonly key: string; readonly cert: string };
    /** STARTTLS offered with this key and certificate. */
    readonly starttls?: { readonly key: string; readonly cert: string };
    /** The one user and password accepted; without it, no AUTH. */
    readonly login?: { readonly user: string; readonly password: string };
    /** Answers every RCPT TO with this error (e.g. 451 or 550). */
    readonly rejectRecipients?: { readonly code: number; readonly message: string };
}

/**
 * A real SMTP server (nodemailer's smtp-server) on 127.0.0.1, on a free port, that keeps what it
 * receives, for tests.
 */
export class SmtpTestServer {
    protected constructor(
        protected readonly server: SMTPServer,
        readonly port: number,
        readonly received: ReceivedMail[],
        readonly authAttempts: { user: string; password: string }[]
    ) { }

    static async start(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
        const tls = options.smtps ?? options.starttls;
        const received: ReceivedMail[] = [];
        const authAttempts: { user: string; password: string }[] = [];
        const serverOptions: SMTPServerOptions = {
            logger: false,
            secure: !!options.smtps,
            ...(tls ? { key: tls.key, cert: tls.cert } : { disabledCommands: ['STARTTLS'] }),
            ...(options.login ? {} : { authOptional: true }),
            allowInsecureAuth: true,
            onAuth: (auth, _session, callback) => {
                authAttempts.push({ user: auth.username ?? '', password: auth.password ?? '' });
                if (options.login && auth.username === options.login.user && auth.password === options.login.password) {
                    callback(undefined, { user: auth.username });
                } else {
                    callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
                }
            },
            onRcptTo: (_address, _session, callback) => {
                const reject = options.rejectRecipients;
                callback(reject ? Object.assign(new Error(reject.message), { responseCode: reject.code }) : undefined);
            },
            onData: (stream, session, callback) => {
                const chunks: Buffer[] = [];
                stream.on('data', (chunk: Buffer) => chunks.push(chunk));
                stream.on('end', () => {
                    received.push({
                        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                        to: session.envelope.rcptTo.map(recipient => recipient.address),
                        raw: Buffer.concat(chunks).toString('utf8'),
                        secure: session.secure,
                        ...(typeof session.user === 'string' ? { user: session.user } : {})
                    });
                    callback();
                });
            }
        };
        const server = new SMTPServer(serverOptions);
        const port = await new Promise<number>((resolve, reject) => {
            server.once('error', reject);
            server.listen(0, '127.0.0.1', () => resolve((server.server.address() as net.AddressInfo).port));
        });
        return new SmtpTestServer(server, port, received, authAttempts);
    }

    stop(): Promise<void> {
        return new Promise(resolve => this.server.close(() => resolve()));
    }
}

/** A TCP server on 127.0.0.1 that takes connections and never says a word (a hung SMTP server). */
export async function startSilentServer(): Promise<{ readonly port: number; stop(): Promise<void> }> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer(socket => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
    });
    const port = await new Promise<number>(resolve => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
    return {
        port,
        stop: () => new Promise(resolve => {
            sockets.forEach(socket => socket.destroy());
            server.close(() => resolve());
        })
    };
}
