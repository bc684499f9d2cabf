import type * as http from 'node:http';

/**
 * Whether a request comes from a page of another site, by what the browser says about its origin:
 * `Origin` (sent on every websocket upgrade and state-changing fetch or form post), else
 * `Sec-Fetch-Site`, else `Referer`. A request with none of them does not come from a browser page
 * of another site (browsers send at least one of them cross-site), so it is not refused here; the
 * SameSite=Strict session cookie keeps such requests from carrying a session anyway.
 */
export function isCrossSiteRequest(request: http.IncomingMessage): boolean {
    const { origin, referer, host } = request.headers;
    if (origin !== undefined) {
        return !hasHost(origin, host);
    }
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite !== undefined) {
        // `same-site` is another port or sub-domain of this host: another application, so foreign too.
        return fetchSite !== 'same-origin' && fetchSite !== 'none';
    }
    return referer !== undefined && !hasHost(referer, host);
}

/** `Origin: null` (sandboxed frames, some redirects) and unparsable values count as foreign. */
function hasHost(url: string, host: string | undefined): boolean {
    try {
        return host !== undefined && new URL(url).host === host;
    } catch {
        return false;
    }
}
