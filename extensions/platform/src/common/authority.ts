/**
 * Authorities and what each may do: the one table in the code that mirrors
 * ../shared/design/authorities.md. The backend checks every RPC method and HTTP route against it;
 * the frontend only uses it to hide what the backend would refuse.
 */
export const AUTHORITIES = ['Administrator', 'Operator', 'Monitor'] as const;
export type Authority = typeof AUTHORITIES[number];

export const PERMISSIONS = [
    /** Sign in and see the Operations workspace (All Jobs, job states). */
    'operations.view',
    /** See job properties, job log and order details. */
    'jobs.inspect',
    /** Hold, resume, approve, reject, process again, complete, retain, delete, edit properties. */
    'jobs.act',
    'orders.closeout',
    /** Share a saved view of the All Jobs pod with everyone and set the default view. */
    'views.share',
    'workflows.view',
    /** Create, edit, delete, copy, export, import workflows and custom activities. */
    'workflows.manage',
    /** Enable or disable a workflow, set its job defaults and overrides. */
    'workflows.operate',
    'connections.view',
    /** Create, edit, delete, export, import connections and production templates. */
    'connections.manage',
    'connections.toggle',
    'printers.manage',
    'printers.toggle',
    /** Create, edit, delete the media catalog and printer pools. */
    'output.manage',
    /** Create, delete, set authority, reset password. */
    'users.manage',
    /** See the state of the system itself: documents the store could not load, servers. */
    'system.inspect',
    /** Notification rules, e-mail (SMTP) settings, webhook endpoints and their delivery log. */
    'notifications.manage',
    'account.password',
    /** Change the shell settings every user shares (Theia's settings.json on the server). */
    'settings.manage'
] as const;
export type Permission = typeof PERMISSIONS[number];

const everyone: readonly Authority[] = ['Administrator', 'Operator', 'Monitor'];
const staff: readonly Authority[] = ['Administrator', 'Operator'];
const administrators: readonly Authority[] = ['Administrator'];

/** Who holds each permission; a permission without a row here would not compile. */
export const PERMISSION_HOLDERS: Readonly<Record<Permission, readonly Authority[]>> = {
    'operations.view': everyone,
    'jobs.inspect': staff,
    'jobs.act': staff,
    'orders.closeout': staff,
    'views.share': administrators,
    'workflows.view': staff,
    'workflows.manage': administrators,
    'workflows.operate': staff,
    'connections.view': administrators,
    'connections.manage': administrators,
    'connections.toggle': staff,
    'printers.manage': administrators,
    'printers.toggle': staff,
    'output.manage': administrators,
    'users.manage': administrators,
    'system.inspect': administrators,
    'notifications.manage': administrators,
    'account.password': everyone,
    'settings.manage': administrators
};

export function hasPermission(authority: Authority, permission: Permission): boolean {
    return PERMISSION_HOLDERS[permission].includes(authority);
}

export function permissionsOf(authority: Authority): Permission[] {
    return PERMISSIONS.filter(permission => hasPermission(authority, permission));
}

/**
 * What an RPC method or route requires: a permission, or only a signed-in session whatever the
 * authority (for example "who am I"), or `nobody`: a method of one of Theia's services that only
 * the server itself may use (setting the server's log levels, say), refused to every browser.
 */
export type AccessRule = Permission | 'signed-in' | 'nobody';

/** True when a signed-in user of this authority may call what the rule guards. */
export function allowsAuthority(rule: AccessRule, authority: Authority): boolean {
    return rule === 'signed-in' || (rule !== 'nobody' && hasPermission(authority, rule));
}
