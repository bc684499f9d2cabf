import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { nls } from '@theia/core/lib/common/nls';
import type { IssuedApiToken } from '../../common/account-protocol';

/** Shows a newly issued API token, the one time it can be seen, with a button to copy it. */
export class ApiTokenDialog extends ReactDialog<void> {
    protected copied = false;

    constructor(protected readonly issued: IssuedApiToken) {
        super({ title: nls.localize('presswork/users/tokenIssuedTitle', 'API token for {0}', issued.summary.userName ?? ''), maxWidth: 560 } as DialogProps);
        this.appendAcceptButton(nls.localize('presswork/users/tokenDone', 'Done'));
    }

    get value(): void {
        return undefined;
    }

    protected render(): React.ReactNode {
        return <div className='presswork-form'>
            <p>{nls.localize('presswork/users/tokenOnce',
                'Copy the token now: it is shown only this once. A shop system sends it as "Authorization: Bearer <token>" to /api/v1/.')}</p>
            <input className='theia-input' readOnly aria-label={nls.localize('presswork/users/token', 'API token')} value={this.issued.token}
                style={{ width: '100%', fontFamily: 'var(--theia-code-font-family)' }} onFocus={event => event.target.select()} />
            <p>
                <button className='theia-button secondary' onClick={this.copy}>
                    {this.copied ? nls.localize('presswork/users/tokenCopied', 'Copied') : nls.localize('presswork/users/tokenCopy', 'Copy')}
                </button>
            </p>
        </div>;
    }

    protected copy = async (): Promise<void> => {
        try {
            await navigator.clipboard.writeText(this.issued.token);
            this.copied = true;
        } catch {
            this.setErrorMessage(nls.localize('presswork/users/tokenCopyFailed', 'The browser did not allow copying: select the token and copy it by hand'));
        }
        this.update();
    };
}
