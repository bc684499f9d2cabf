import * as assert from 'node:assert/strict';
import { isDirectlyInside, isInside } from './path-containment';

describe('path containment', () => {
    it('isInside knows a folder from its neighbours and parents, the folder first', () => {
        assert.equal(isInside('/a/b', '/a/b'), true);
        assert.equal(isInside('/a/b', '/a/b/c/d'), true);
        assert.equal(isInside('/a/b', '/a/b/../c'), false);
        assert.equal(isInside('/a/b', '/a/bc'), false);
        assert.equal(isInside('/a/b', '/'), false);
        assert.equal(isInside('/a/b', '/a/b/..c'), true, 'a name that starts with dots stays inside');
    });

    it('isDirectlyInside tells whether a path is an entry directly inside a folder', () => {
        assert.equal(isDirectlyInside('/srv/out', '/srv/out/a.pdf'), true);
        assert.equal(isDirectlyInside('/srv/out', '/srv/out/../a.pdf'), false);
        assert.equal(isDirectlyInside('/srv/out', '/srv/out/sub/a.pdf'), false);
        assert.equal(isDirectlyInside('/srv/out', '/srv/out'), false);
        assert.equal(isDirectlyInside('/srv/out', '/srv/out/..a.pdf'), true);
    });
});
