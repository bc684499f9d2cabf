import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import type { MessagePreview } from '../common/notifications-protocol';

/**
 * The HTML is shown in a sandboxed frame (no scripts, an origin of its own) whose policy also
 * refuses to fetch anything, so a template can neither run code in the view nor call out.
 */
const PREVIEW_POLICY = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">';

export function sandboxedDocument(html: string): string {
    return `<!DOCTYPE html><html><head>${PREVIEW_POLICY}<meta charset="utf-8"></head><body>${html}</body></html>`;
}

/** A rule's message filled in with the catalog's sample event: subject, plain text and HTML. */
export function MessagePreviewView(props: { preview: MessagePreview }): React.ReactElement {
    const { preview } = props;
    return <section className='presswork-notifications-preview' aria-label={nls.localize('presswork/notifications/previewLabel', 'Preview of the message')}>
        <dl className='presswork-notifications-facts'>
            <dt>{nls.localize('presswork/notifications/previewSubject', 'Subject')}</dt>
            <dd data-field='previewSubject'>{preview.subject}</dd>
        </dl>
        <h4>{nls.localize('presswork/notifications/previewText', 'Plain text')}</h4>
        <pre className='presswork-notifications-preview-text' data-field='previewText'>{preview.text}</pre>
        <h4>{nls.localize('presswork/notifications/previewHtml', 'HTML')}</h4>
        <iframe className='presswork-notifications-preview-html' sandbox='' srcDoc={sandboxedDocument(preview.html)} data-field='previewHtml'
            title={nls.localize('presswork/notifications/previewHtmlTitle', 'The HTML message, as a mail program shows it')} />
        {preview.unknownPlaceholders.length > 0 && <p className='presswork-warning' role='alert' data-field='previewUnknown'>
            {nls.localize('presswork/notifications/previewUnknown', 'The event has no {0}: these stay empty.', preview.unknownPlaceholders.map(name => `{${name}}`).join(', '))}
        </p>}
    </section>;
}
