import * as assert from 'node:assert/strict';
import { AUTHORITIES, Authority, PERMISSIONS, PERMISSION_HOLDERS, Permission, hasPermission, permissionsOf } from './authority';

/**
 * The table of shared/design/authorities.md, written out by hand: a change to the code's
 * table that the design does not make must fail here.
 */
const EXPECTED: Record<Authority, readonly Permission[]> = {
    Administrator: [
        'operations.view',
        'jobs.inspect',
        'jobs.act',
        'orders.closeout',
        // Issue 5: administrators share saved views of the All Jobs pod and set the default.
        'views.share',
        'workflows.view',
        'workflows.manage',
        'workflows.operate',
        'connections.view',
        'connections.manage',
        'connections.toggle',
        'printers.manage',
        'printers.toggle',
        // Issue 11: the media catalog and printer pools (create, edit, delete).
        'output.manage',
        'users.manage',
        // Issue 18: the servers view's row (the system's own state: documents the store could not load).
        'system.inspect',
        // Issue 13: the notifications row (rules, SMTP settings, webhooks, delivery log).
        'notifications.manage',
        'account.password',
        // Issue 18: the shell settings (Theia's settings.json) are one file that every user shares.
        'settings.manage'
    ],
    Operator: [
        'operations.view',
        'jobs.inspect',
        'jobs.act',
        'orders.closeout',
        'workflows.view',
        'workflows.operate',
        'connections.toggle',
        'printers.toggle',
        'account.password'
    ],
    Monitor: [
        'operations.view',
        'account.password'
    ]
};

describe('authorities', () => {

    it('has exactly the three TFPM authorities', () => {
        assert.deepEqual([...AUTHORITIES], ['Administrator', 'Operator', 'Monitor']);
    });

    it('has exactly the permissions of the design table', () => {
        assert.deepEqual([...PERMISSIONS].sort(), [...EXPECTED.Administrator].sort());
        assert.deepEqual(Object.keys(PERMISSION_HOLDERS).sort(), [...PERMISSIONS].sort());
    });

    for (const authority of ['Administrator', 'Operator', 'Monitor'] as const) {
        it(`gives ${authority} exactly the permissions of the design table`, () => {
            assert.deepEqual([...permissionsOf(authority)].sort(), [...EXPECTED[authority]].sort());
        });
    }

    it('agrees cell by cell between hasPermission, PERMISSION_HOLDERS and the design table', () => {
        for (const permission of PERMISSIONS) {
            for (const authority of AUTHORITIES) {
                const expected = EXPECTED[authority].includes(permission);
                assert.equal(hasPermission(authority, permission), expected, `${authority} / ${permission}`);
                assert.equal(PERMISSION_HOLDERS[permission].includes(authority), expected, `${authority} / ${permission} in PERMISSION_HOLDERS`);
            }
        }
    });

    it('gives the Administrator every permission', () => {
        assert.deepEqual(permissionsOf('Administrator'), [...PERMISSIONS]);
    });

    it('answers hasPermission for notable cells', () => {
        assert.equal(hasPermission('Administrator', 'users.manage'), true);
        assert.equal(hasPermission('Operator', 'users.manage'), false);
        assert.equal(hasPermission('Monitor', 'users.manage'), false);

        assert.equal(hasPermission('Operator', 'jobs.act'), true);
        assert.equal(hasPermission('Monitor', 'jobs.act'), false);
        assert.equal(hasPermission('Monitor', 'jobs.inspect'), false);

        assert.equal(hasPermission('Operator', 'workflows.manage'), false);
        assert.equal(hasPermission('Operator', 'workflows.operate'), true);
        assert.equal(hasPermission('Operator', 'connections.view'), false);
        assert.equal(hasPermission('Operator', 'connections.manage'), false);
        assert.equal(hasPermission('Operator', 'connections.toggle'), true);
        assert.equal(hasPermission('Operator', 'printers.manage'), false);
        assert.equal(hasPermission('Operator', 'printers.toggle'), true);

        assert.equal(hasPermission('Monitor', 'operations.view'), true);
        assert.equal(hasPermission('Monitor', 'account.password'), true);
        assert.equal(hasPermission('Monitor', 'orders.closeout'), false);
    });

    it('lists permissions in the declared order', () => {
        const operator = permissionsOf('Operator');
        assert.deepEqual(operator, PERMISSIONS.filter(permission => operator.includes(permission)));
    });
});
