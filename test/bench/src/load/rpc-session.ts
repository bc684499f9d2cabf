import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { ChannelMultiplexer, ForwardingChannel } from '@theia/core/lib/common/message-rpc/channel';
import { Uint8ArrayReadBuffer, Uint8ArrayWriteBuffer } from '@theia/core/lib/common/message-rpc/uint8-array-message-buffer';
import { ConnectionManagementMessages } from '@theia/core/lib/common/messaging/connection-management';
import { RpcProxyFactory } from '@theia/core/lib/common/messaging/proxy-factory';

/**
 * A signed-in browser session without the browser: the sign-in form over HTTP for the cookies,
 * then Theia's own RPC over the real websocket (socket.io, the initial-connect handshake, one
 * multiplexed channel per service path), as the frontend speaks it.
 */
export class LoadSession {
    protected constructor(protected readonly socket: Socket, protected readonly multiplexer: ChannelMultiplexer) { }

    static async signIn(url: string, name: string, password: string, newPassword?: string): Promise<LoadSession> {
        return LoadSession.connect(url, await signInCookies(url, name, password, newPassword));
    }

    /** Connects with a browser's cookies; rejects with the server's refusal. */
    static connect(url: string, cookie: string): Promise<LoadSession> {
        return new Promise((resolve, reject) => {
            const socket = io(`${url}/services`, {
                path: '/socket.io', transports: ['websocket'], reconnection: false, timeout: 10_000, extraHeaders: { cookie, origin: url }
            });
            socket.once('connect_error', error => {
                socket.close();
                reject(new Error(`the websocket was refused: ${error.message}`));
            });
            socket.once('connect', () => {
                socket.once(ConnectionManagementMessages.INITIAL_CONNECT, () => {
                    const channel = new ForwardingChannel('load', () => socket.off('message'), () => {
                        const buffer = new Uint8ArrayWriteBuffer();
                        buffer.onCommit(data => socket.send(data));
                        return buffer;
                    });
                    socket.on('message', (data: Uint8Array | ArrayBuffer) => channel.onMessageEmitter.fire(() => new Uint8ArrayReadBuffer(new Uint8Array(data))));
                    resolve(new LoadSession(socket, new ChannelMultiplexer(channel)));
                });
                socket.emit(ConnectionManagementMessages.INITIAL_CONNECT, randomUUID());
            });
        });
    }

    /** The service at `path` (with `client` answering its notifications); every call crosses the websocket. */
    async service<S extends object>(path: string, client?: object): Promise<S> {
        const factory = new RpcProxyFactory<S>(client);
        factory.listen(await this.multiplexer.open(path));
        return factory.createProxy() as unknown as S;
    }

    get connected(): boolean {
        return this.socket.connected;
    }

    onDisconnect(listener: (reason: string) => void): void {
        this.socket.on('disconnect', listener);
    }

    close(): void {
        this.socket.close();
    }
}

function cookiesOf(response: Response): string[] {
    return response.headers.getSetCookie().map(cookie => cookie.split(';')[0]);
}

/**
 * The sign-in form as a browser posts it; the cookies the browser then holds (connection token and
 * session). A user who must choose a new password first chooses `newPassword`.
 */
export async function signInCookies(url: string, name: string, password: string, newPassword?: string): Promise<string> {
    const token = cookiesOf(await fetch(`${url}/health`));
    const response = await postForm(url, '/login', token.join('; '), { name, password });
    const cookie = [...token, ...cookiesOf(response)].join('; ');
    if (response.headers.get('location') === '/login/password') {
        if (!newPassword) {
            throw new Error(`${name} must choose a new password first`);
        }
        await postForm(url, '/login/password', cookie, { current: password, password: newPassword, confirm: newPassword });
    }
    return cookie;
}

async function postForm(url: string, route: string, cookie: string, fields: Record<string, string>): Promise<Response> {
    const response = await fetch(`${url}${route}`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: url },
        body: new URLSearchParams(fields)
    });
    if (response.status !== 303) {
        throw new Error(`POST ${route} answered ${response.status}`);
    }
    return response;
}
