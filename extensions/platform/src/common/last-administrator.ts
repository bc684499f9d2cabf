import type { Authority } from './authority';

interface HasAuthority {
    readonly authority: Authority;
}

/**
 * True when `user` is the only administrator among `users`: removing them, or giving them another
 * authority, would leave nobody able to manage users. The backend refuses it; the Users view says so first.
 */
export function isLastAdministrator(user: HasAuthority, users: Iterable<HasAuthority>): boolean {
    if (user.authority !== 'Administrator') {
        return false;
    }
    let administrators = 0;
    for (const candidate of users) {
        administrators += candidate.authority === 'Administrator' ? 1 : 0;
    }
    return administrators <= 1;
}
