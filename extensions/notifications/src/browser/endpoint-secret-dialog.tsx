import * as React from '@theia/core/shared/react';
import { DialogProps } from '@theia/core/lib/browser/dialogs';
import { ReactDialog } from '@theia/core/lib/browser/dialogs/react-dialog';
import { nls } from '@theia/core/lib/common/nls';
import type { WebhookEndpointWithSecret } from '../common/notifications-protocol';

/** Shows an endpoint's signing secret the one time it can be seen (made or rolled), with a button to copy it. */
export class EndpointSecretDialog extends ReactDialog<void> {
    protected copied = false;

    constructor(protected readonly issued: WebhookEndpointWithSecret) {
        super({ title: nls.localize('presswork/notifications/secretTitle', 'Signing secret of {0}', issued.endpoint.name), maxWidth: 560 } as DialogProps);
        this.addClass('presswork-notifications-secret-dialog');
        this.appendAcceptButton(nls.localize('presswork/notifications/secretDone', 'Done'));
    }

    get value(): void {
        return undefined;
    }

    protected render(): React.ReactNode {
        return <div className='presswork-form'>
            <p className='presswork-warning' role='alert'>{nls.localize('presswork/notifications/secretOnce',
                'Copy the secret now: it will not be shown again. The receiver checks each request\'s signature with it.')}</p>
            <input className='theia-input presswork-notifications-secret' readOnly aria-label={nls.localize('presswork/notifications/secret', 'Signing secret')}
                value={this.issued.secret} onFocus={event => event.target.select()} />
            <p>
                <button type='button' className='theia-button secondary' onClick={this.copy}>
                    {this.copied ? nls.localize('presswork/notifications/secretCopied', 'Copied') : nls.localize('presswork/notifications/secretCopy', 'Copy')}
                </button>
            </p>
        </div>;
    }

    protected copy = async (): Promise<void> => {
        try {
            await navigator.clipboard.writeText(this.issued.secret);
            this.copied = true;
        } catch {
            this.setErrorMessage(nls.localize('presswork/notifications/secretCopyFailed', 'The browser did not allow copying: select the secret and copy it by hand'));
        }
        this.update();
    };
}
