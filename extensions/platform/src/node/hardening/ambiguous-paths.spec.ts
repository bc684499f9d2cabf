import * as assert from 'node:assert/strict';
import { isAmbiguousPath } from './ambiguous-paths';
import { isApiRoute } from '../auth/request-user';

describe('ambiguous paths (issue 18, fault 8)', () => {

    it('refuses encoded dots, slashes and backslashes, and dot segments', () => {
        for (const path of ['/api/v1/%2e%2e/%2e%2e/bundle.js.map', '/api/v1/%2E%2E/x', '/api/v1%2fjobs', '/api/v1/..%5cbundle.js', '/api/v1/../bundle.js', '/./bundle.js', '/api/v1/..']) {
            assert.equal(isAmbiguousPath(path), true, path);
        }
    });

    it('lets ordinary paths through, dots inside names included', () => {
        for (const path of ['/', '/bundle.js.map', '/api/v1/jobs', '/api/v1/orders/ORD-1.2', '/closeout/documents/o-1/invoice.pdf', '/login/assets/sign-in.css', '/a..b/c']) {
            assert.equal(isAmbiguousPath(path), false, path);
        }
    });

    it('decides what is an API route on the decoded, normalised path', () => {
        assert.equal(isApiRoute('/api/v1/jobs'), true);
        assert.equal(isApiRoute('/api/v1/%2e%2e/%2e%2e/bundle.js.map'), false);
        assert.equal(isApiRoute('/api/v1/../../bundle.js.map'), false);
        assert.equal(isApiRoute('/api/v1/orders/%E0%A4%A'), true);
        assert.equal(isApiRoute('/%E0%A4%A/api/v1/'), false);
    });
});
