import { injectable } from '@theia/core/shared/inversify';
import { ReconnectableSocketChannel } from '@theia/core/lib/node/messaging/websocket-frontend-connection-service';
import type { Socket } from 'socket.io';
import { sessionIdOf } from '../auth/session-store';

/**
 * Theia's main channel of one browser window, remembering the sign-in session of the socket it
 * currently runs over. A reconnect brings a new socket and so the session that socket carries:
 * RPC calls always act for whoever the browser is signed in as now.
 */
@injectable()
export class SessionAwareSocketChannel extends ReconnectableSocketChannel {
    protected currentSessionId: string | undefined;
    protected currentAddress: string | undefined;

    /** The network address of the browser, for limits per address (password attempts). */
    get remoteAddress(): string | undefined {
        return this.currentAddress;
    }

    get sessionId(): string | undefined {
        return this.currentSessionId;
    }

    override connect(socket: Socket): void {
        this.currentSessionId = sessionIdOf(socket.request);
        this.currentAddress = socket.request.socket.remoteAddress;
        super.connect(socket);
    }
}
