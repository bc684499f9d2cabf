import type * as express from '@theia/core/shared/express';

/**
 * The Content Security Policy of the shell (index.html, the bundle and every other asset), as
 * tight as the Theia bundle allows, found by loading the app in Chromium:
 * - scripts come from this server only, never inline; Theia validates preferences with ajv 6, which
 *   compiles its schemas with `new Function`: `'unsafe-eval'` is needed, or the shell does not start;
 * - Theia and Monaco set styles inline and add `<style>` elements at run time: `'unsafe-inline'` for styles;
 * - Monaco starts its editor worker from a `blob:` URL; images and fonts also come as `data:`;
 * - the frontend talks to its own server only (the websocket is same-origin, which `'self'` covers);
 *   it also fetches a WebAssembly module (text colouring) from a `data:` URL;
 * - nothing may frame the shell; the shell frames only its own server's documents (closeout PDFs
 *   shown in their dialog), and those say themselves whether they may be framed.
 */
export const SHELL_CONTENT_SECURITY_POLICY = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self' data:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'"
].join('; ');

/** One year: browsers that once reached Presswork over TLS never fall back to plain HTTP. */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Sets the browser security headers on every response that passes, before any handler answers;
 * a handler may still set its own, stricter policy (the sign-in pages do).
 */
export function shellSecurityHeaders(): express.RequestHandler {
    return (request, response, next) => {
        response.set({
            'Content-Security-Policy': SHELL_CONTENT_SECURITY_POLICY,
            'X-Frame-Options': 'DENY',
            'X-Content-Type-Options': 'nosniff',
            // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts.
            'Referrer-Policy': 'same-origin',
            'Cross-Origin-Opener-Policy': 'same-origin'
        });
        if (request.secure) {
            response.set('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
        }
        next();
    };
}
