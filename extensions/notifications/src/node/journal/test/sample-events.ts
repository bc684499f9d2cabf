import type { PressworkEventDraft } from '@presswork/platform/lib/common/presswork-events';

/** A valid event draft with this id (a connection failing), for tests of the journal. */
export function sampleDraft(id: string, at = '2026-12-01T10:00:00.000Z'): PressworkEventDraft<'connection.failing'> {
    return {
        id,
        name: 'connection.failing',
        at,
        subject: 'connection:c1',
        payload: { connectionId: 'c1', connection: 'Store', since: at, reason: 'the store does not answer' }
    };
}
