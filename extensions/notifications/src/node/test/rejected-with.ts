import * as assert from 'node:assert/strict';
import { ApplicationError } from '@theia/core/lib/common/application-error';

/** An assert.rejects predicate: a PressworkError of this kind (by code) whose message matches. */
export function rejectedWith(kind: { readonly code: number }, message: RegExp): (error: unknown) => boolean {
    return error => {
        assert.ok(ApplicationError.is(error as object), `expected an application error, got ${error}`);
        assert.equal((error as ApplicationError<number, unknown>).code, kind.code);
        assert.match((error as Error).message, message);
        return true;
    };
}
