import * as express from '@theia/core/shared/express';
import { inject, injectable, named } from '@theia/core/shared/inversify';
import { ILogger } from '@theia/core/lib/common/logger';
import { BackendApplicationContribution, EarlyExpressMiddleware } from '@theia/core/lib/node/backend-application';
import { WsRequestValidatorContribution } from '@theia/core/lib/node/ws-request-validators';
import { ApplicationPackage } from '@theia/core/shared/@theia/application-package';
import { WorkOwnership } from '../cluster/work-ownership';
import * as http from 'node:http';
import { z } from 'zod';
import { PRESSWORK_LOGO_SVG } from '../../common/presswork-logo';
import { passwordProblem } from '../../common/user-schema';
import { PressworkError, messageOf } from '../../common/errors';
import { SessionStore, SESSION_COOKIE, Session } from './session-store';
import { UserAccounts } from './user-accounts';
import { SignInThrottle } from './sign-in-throttle';
import { ApiTokens } from './api-tokens';
import { RequestUsers, bearerTokenOf, isApiRoute } from './request-user';
import { changePasswordPage, signInPage } from './sign-in-pages';
import { SIGN_IN_CSS } from './sign-in-style';
import { isCrossSiteRequest } from './same-origin';
import { UnreadableFormAnswer, refuseOversizedForms, refuseUnreadableForms } from './unreadable-form';
import { shellSecurityHeaders } from '../hardening/shell-security-headers';
import { refuseAmbiguousPaths } from '../hardening/ambiguous-paths';

const SignInFormSchema = z.object({
    name: z.string().max(64).default(''),
    password: z.string().max(256).default(''),
    next: z.string().max(2000).optional()
});

const ChangePasswordFormSchema = z.object({
    current: z.string().max(256).default(''),
    password: z.string().max(256).default(''),
    confirm: z.string().max(256).default('')
});

/** Methods that change nothing; every other one is checked for its origin. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const WRONG_CREDENTIALS = 'The user name or password is not correct';

/**
 * The gate in front of everything: sign-in and change-password pages, sign-out, `/health`, and a
 * check that refuses every other request, asset and websocket without a live session. It runs as
 * early middleware, before Theia's static handlers.
 */
@injectable()
export class SignInEndpoint implements BackendApplicationContribution, WsRequestValidatorContribution {
    @inject(EarlyExpressMiddleware) protected readonly earlyMiddleware: EarlyExpressMiddleware;
    @inject(SessionStore) protected readonly sessions: SessionStore;
    @inject(UserAccounts) protected readonly accounts: UserAccounts;
    @inject(SignInThrottle) protected readonly throttle: SignInThrottle;
    @inject(ApiTokens) protected readonly apiTokens: ApiTokens;
    @inject(RequestUsers) protected readonly requestUsers: RequestUsers;
    @inject(ApplicationPackage) protected readonly applicationPackage: ApplicationPackage;
    @inject(WorkOwnership) protected readonly ownership: WorkOwnership;
    @inject(ILogger) @named('platform:SignInEndpoint') protected readonly logger: ILogger;

    initialize(): void {
        this.earlyMiddleware.handlers.push(this.createRouter());
    }

    /**
     * A websocket from a page of another site is refused, whatever Theia's own origin check is
     * configured to allow (THEIA_HOSTS widens it).
     */
    allowWsUpgrade(request: http.IncomingMessage): boolean {
        if (isCrossSiteRequest(request)) {
            this.logger.warn(`refused a websocket from another site (${String(request.headers.origin)})`);
            return false;
        }
        const session = this.sessions.fromRequest(request);
        return !!session && !session.passwordChangeRequired;
    }

    protected createRouter(): express.Router {
        const router = express.Router();
        const formLimitBytes = 8 * 1024;
        const form = express.urlencoded({ extended: false, limit: formLimitBytes, parameterLimit: 10 });
        const refuseForm: UnreadableFormAnswer = (response, status, message) => this.sendPage(response, status, signInPage({ message }));
        router.use(shellSecurityHeaders());
        router.use(refuseAmbiguousPaths);
        router.use(this.refuseForeignOrigins);
        router.get('/health', (_request, response) => {
            // Unauthenticated: the store's kind and this server's share of work (ids only, never a URL).
            const role = this.ownership.role();
            response.json({
                status: 'ok',
                version: this.applicationPackage.pck.version,
                store: role.store,
                server: { id: role.serverId, leader: role.leader, orderPartitions: role.orderPartitions, connections: role.connections }
            });
        });
        router.get('/login/assets/sign-in.css', (_request, response) => this.sendAsset(response, 'text/css', SIGN_IN_CSS));
        router.get('/login/assets/presswork.svg', (_request, response) => this.sendAsset(response, 'image/svg+xml', PRESSWORK_LOGO_SVG));
        router.get('/login', (request, response) => {
            const next = safeNext(request.query.next);
            this.sendPage(response, 200, signInPage({ next }));
        });
        router.post('/login', refuseOversizedForms(formLimitBytes, refuseForm), form, handled((request, response) => this.signIn(request, response)));
        router.get('/login/password', (request, response) => this.withSession(request, response, session =>
            this.sendPage(response, 200, changePasswordPage(this.accounts.byId(session.userId)?.name ?? ''))));
        router.post('/login/password', refuseOversizedForms(formLimitBytes, refuseForm), form, handled((request, response) => this.changePassword(request, response)));
        router.use(refuseUnreadableForms(refuseForm));
        router.post('/logout', handled(async (request, response) => {
            const session = this.sessions.fromRequest(request);
            if (session) {
                await this.sessions.delete(session.id);
            }
            response.clearCookie(SESSION_COOKIE, { path: '/' });
            response.redirect(303, '/login');
        }));
        router.use((request, response, next) => this.requireSession(request, response, next));
        // Theia's raw file download and upload routes reach the whole disk; Presswork has no use for them.
        router.use(['/files', '/file', '/file-upload'], (_request, response) => {
            response.status(404).json({ error: 'Not found' });
        });
        return router;
    }

    protected async signIn(request: express.Request, response: express.Response): Promise<void> {
        const fields = SignInFormSchema.safeParse(request.body ?? {});
        if (!fields.success) {
            this.sendPage(response, 400, signInPage({ message: 'The sign-in form was not filled in as expected' }));
            return;
        }
        const { name, password, next } = fields.data;
        const address = request.socket.remoteAddress ?? 'unknown';
        const retryAfter = await this.throttle.attempt(name, address);
        if (retryAfter > 0) {
            response.setHeader('Retry-After', String(retryAfter));
            this.sendPage(response, 429, signInPage({ userName: name, next: safeNext(next), message: `Too many failed attempts. Try again in ${retryAfter} seconds.` }));
            return;
        }
        let user;
        try {
            user = name && password ? await this.accounts.authenticate(name, password) : undefined;
        } catch (error) {
            if (!PressworkError.Busy.is(error as object)) {
                throw error;
            }
            response.setHeader('Retry-After', '1');
            this.sendPage(response, 503, signInPage({ userName: name, next: safeNext(next), message: messageOf(error) }));
            return;
        }
        if (!user) {
            this.logger.warn(`failed sign-in for user name of ${name.length} characters from ${address}`);
            this.sendPage(response, 401, signInPage({ userName: name, next: safeNext(next), message: WRONG_CREDENTIALS }));
            return;
        }
        await this.throttle.forgive(name, address);
        // A fresh session id at every sign-in: an id planted before sign-in is worth nothing after it.
        const previous = this.sessions.fromRequest(request);
        if (previous) {
            await this.sessions.delete(previous.id);
        }
        const session = await this.sessions.create(user.id, user.mustChangePassword);
        this.setSessionCookie(request, response, session);
        this.logger.info(`${user.name} signed in from ${address}`);
        response.redirect(303, session.passwordChangeRequired ? '/login/password' : safeNext(next) ?? '/');
    }

    protected async changePassword(request: express.Request, response: express.Response): Promise<void> {
        await this.withSession(request, response, async session => {
            const user = this.accounts.byId(session.userId);
            const parsed = ChangePasswordFormSchema.safeParse(request.body ?? {});
            const fields = parsed.success ? parsed.data : { current: '', password: '', confirm: '' };
            const problem = !parsed.success ? 'The form was not filled in as expected'
                : fields.password !== fields.confirm ? 'The new passwords do not match' : passwordProblem(fields.password);
            if (!user || problem) {
                this.sendPage(response, 400, changePasswordPage(user?.name ?? '', problem));
                return;
            }
            const address = request.socket.remoteAddress ?? 'unknown';
            try {
                await this.throttle.check(user.name, address, () => this.accounts.changeOwnPassword(user.id, fields.current, fields.password, session.id));
            } catch (error) {
                const { status, retryAfter } = refusalOf(error);
                if (retryAfter !== undefined) {
                    response.setHeader('Retry-After', String(retryAfter));
                }
                this.sendPage(response, status, changePasswordPage(user.name, messageOf(error)));
                return;
            }
            await this.sessions.passwordChanged(session.id);
            response.redirect(303, '/');
        });
    }

    protected async withSession(request: express.Request, response: express.Response, action: (session: Session) => unknown): Promise<void> {
        const session = this.sessions.fromRequest(request);
        if (!session) {
            response.redirect(303, '/login');
            return;
        }
        await action(session);
    }

    protected requireSession(request: express.Request, response: express.Response, next: express.NextFunction): void {
        if (isApiRoute(request.path)) {
            this.requireApiCaller(request, response, next);
            return;
        }
        const session = this.sessions.fromRequest(request);
        if (session && !session.passwordChangeRequired) {
            next();
            return;
        }
        // Only a browser navigating to a page is sent to the sign-in page; assets and API calls get a status.
        const wantsPage = request.method === 'GET' && !/\.[A-Za-z0-9]+$/.test(request.path) && (request.headers.accept ?? '').includes('text/html');
        if (wantsPage) {
            const target = session ? '/login/password' : `/login${request.path === '/' ? '' : `?next=${encodeURIComponent(request.originalUrl)}`}`;
            response.redirect(302, target);
            return;
        }
        response.status(session ? 403 : 401).json({ error: session ? 'Change your password first' : 'Sign in first' });
    }

    /**
     * The read API answers shop systems as well as browsers: a valid API token (and only here) lets
     * a request through as the token's user; anything else gets a JSON status, never a redirect.
     */
    protected requireApiCaller(request: express.Request, response: express.Response, next: express.NextFunction): void {
        if (request.headers.authorization !== undefined) {
            const token = bearerTokenOf(request);
            const user = token === undefined ? undefined : this.apiTokens.authenticate(token);
            if (!user) {
                response.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'The API token is not valid or has been revoked' });
                return;
            }
            this.requestUsers.attachTokenUser(request, user);
            next();
            return;
        }
        const session = this.sessions.fromRequest(request);
        if (session && !session.passwordChangeRequired) {
            next();
            return;
        }
        response.status(session ? 403 : 401).json({ error: session ? 'Change your password first' : 'Sign in first, or send an API token (Authorization: Bearer …)' });
    }

    /** Every state-changing request (anything but GET, HEAD, OPTIONS) from a page of another site is refused. */
    protected readonly refuseForeignOrigins = (request: express.Request, response: express.Response, next: express.NextFunction): void => {
        if (!SAFE_METHODS.has(request.method) && isCrossSiteRequest(request)) {
            response.status(403).json({ error: 'Cross-site request refused' });
            return;
        }
        next();
    };

    protected setSessionCookie(request: express.Request, response: express.Response, session: Session): void {
        response.cookie(SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' });
    }

    protected sendPage(response: express.Response, status: number, html: string): void {
        response.status(status)
            .set({
                'Content-Type': 'text/html; charset=utf-8',
                'Cache-Control': 'no-store',
                'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                'X-Frame-Options': 'DENY',
                // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on the form posts.
                'Referrer-Policy': 'same-origin'
            })
            .send(html);
    }

    protected sendAsset(response: express.Response, type: string, content: string): void {
        response.status(200).set({ 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' }).send(content);
    }
}

/** Express 4 does not wait for promises: hand their failures to its error handling. */
function handled(handler: (request: express.Request, response: express.Response) => Promise<void>): express.RequestHandler {
    return (request, response, next) => {
        handler(request, response).catch(next);
    };
}

/** The status of a refused password change: too many attempts (429) and a busy server (503) say when to try again. */
function refusalOf(error: unknown): { status: number, retryAfter?: number } {
    if (PressworkError.TooManyAttempts.is(error as object)) {
        return { status: 429, retryAfter: (error as { data: { retryAfterSeconds: number } }).data.retryAfterSeconds };
    }
    return PressworkError.Busy.is(error as object) ? { status: 503, retryAfter: 1 } : { status: 400 };
}

/** Only a path on this server is followed after sign-in, never another site. */
export function safeNext(value: unknown): string | undefined {
    return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/login') ? value : undefined;
}
