import { z } from 'zod';
import { FaultSchema } from '../faults/fault-injector';
import { HttpReply, jsonReply } from '../http/http-reply';
import { SimulatorCore, SimulatorRequestError } from '../simulator-core';
import { OrderInputError } from '../store/order-factory';

const ClockSchema = z.union([
    z.object({ now: z.string().min(1) }).strict(),
    z.object({ offsetMs: z.number().finite() }).strict(),
    z.object({ advanceMs: z.number().finite() }).strict()
]);

const StockSchema = z.object({ SKU: z.string().min(1), Level: z.number().int().nonnegative() }).strict();

export interface AdminRequest {
    readonly method: string;
    /** Path below `/_sim`, e.g. `/orders/8004001`. */
    readonly path: string;
    readonly authorization: string | undefined;
    readonly body: string;
}

class BadRequest extends Error { }

function parseJson(body: string): unknown {
    if (body.trim() === '') {
        return {};
    }
    try {
        return JSON.parse(body);
    } catch {
        throw new BadRequest('The body is not JSON');
    }
}

function validated<T>(schema: z.ZodType<T>, value: unknown): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new BadRequest(`${issue.path.join('.') || '(body)'}: ${issue.message}`);
    }
    return parsed.data;
}

function bearerToken(authorization: string | undefined): string | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return match?.[1];
}

/**
 * The simulator's own JSON administration under `/_sim/` (not MarcomCentral): placing orders,
 * rendering files, injecting faults, setting the clock and stock, reading the log. Every call
 * needs `Authorization: Bearer <orderToken>`.
 */
export class AdminApi {
    constructor(private readonly core: SimulatorCore) { }

    async handle(request: AdminRequest): Promise<HttpReply> {
        if (!this.core.tokens.isOrderToken(bearerToken(request.authorization))) {
            return jsonReply(401, { error: 'Authorization: Bearer <orderToken> required' }, { 'WWW-Authenticate': 'Bearer realm="marcomcentral-simulator"' });
        }
        try {
            return await this.route(request);
        } catch (error) {
            if (error instanceof BadRequest) {
                return jsonReply(400, { error: error.message });
            }
            if (error instanceof OrderInputError || error instanceof SimulatorRequestError) {
                return jsonReply(error.status, { error: error.message });
            }
            throw error;
        }
    }

    private async route({ method, path, body }: AdminRequest): Promise<HttpReply> {
        let segments: string[];
        try {
            segments = path.split('/').filter(Boolean).map(decodeURIComponent);
        } catch {
            throw new BadRequest('The path is not valid URL encoding');
        }
        const route = `${method} ${segments.map((segment, index) => (index === 0 ? segment : ':')).join('/')}`;
        const core = this.core;
        switch (route) {
            case 'GET orders':
                return jsonReply(200, core.orders());
            case 'POST orders':
                return jsonReply(201, await core.placeOrder(parseJson(body)));
            case 'GET orders/:': {
                const order = core.order(segments[1]);
                return order ? jsonReply(200, order) : jsonReply(404, { error: `Order ${segments[1]} not found` });
            }
            case 'POST files/:/:':
                if (segments[2] !== 'ready') {
                    break;
                }
                await core.markFileReady(segments[1]);
                return jsonReply(200, { LineItemID: segments[1], URL: core.fileUrl(segments[1]) });
            case 'GET faults':
                return jsonReply(200, core.faults.pending());
            case 'POST faults':
                return jsonReply(201, core.faults.inject(validated(FaultSchema, parseJson(body))));
            case 'DELETE faults':
                core.faults.clear();
                return jsonReply(200, []);
            case 'GET clock':
                return jsonReply(200, this.clockState());
            case 'POST clock':
                this.setClock(validated(ClockSchema, parseJson(body)));
                return jsonReply(200, this.clockState());
            case 'GET log':
                return jsonReply(200, core.log.list());
            case 'DELETE log':
                core.log.clear();
                return jsonReply(200, []);
            case 'GET stock':
                return jsonReply(200, core.store.snapshot().stock);
            case 'POST stock': {
                const stock = validated(StockSchema, parseJson(body));
                await core.setStock(stock.SKU, stock.Level);
                return jsonReply(200, core.store.snapshot().stock);
            }
            case 'GET catalog':
                return jsonReply(200, core.catalog);
        }
        return jsonReply(404, { error: `No simulator route ${method} /_sim${path}` });
    }

    private setClock(request: z.infer<typeof ClockSchema>): void {
        const clock = this.core.clock;
        if ('now' in request) {
            const now = this.core.timeZone.parseDateTime(request.now);
            if (!now) {
                throw new BadRequest('now: expected an xs:dateTime such as 2026-11-26T08:01:12-08:00');
            }
            clock.set(now);
        } else if ('offsetMs' in request) {
            clock.setOffset(request.offsetMs);
        } else {
            clock.advance(request.advanceMs);
        }
    }

    private clockState(): { now: string; nowInStore: string; offsetMs: number; timeZone: string } {
        const now = this.core.clock.now();
        return { now: now.toISOString(), nowInStore: this.core.timeZone.format(now), offsetMs: this.core.clock.offset, timeZone: this.core.timeZone.zone };
    }
}
