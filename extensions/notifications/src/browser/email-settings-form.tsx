import * as React from '@theia/core/shared/react';
import { nls } from '@theia/core/lib/common/nls';
import { messageOf } from '@presswork/platform/lib/common/errors';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import type { EmailSettingsInput, EmailSettingsView, TestEmailResult } from '../common/notifications-protocol';
import { type EmailSettingsDraft, type SmtpSecurity, checkEmailDraft, emailDraftOf, withSecurity } from './email-settings-draft';
import { Field } from './form-parts';

export interface EmailSettingsFormProps {
    /** Undefined until SMTP is set. Give the form a `key` of the settings' version so a save starts it afresh. */
    readonly settings: EmailSettingsView | undefined;
    readonly save: (version: number | undefined, input: EmailSettingsInput) => Promise<unknown>;
    readonly sendTest: (to: string) => Promise<TestEmailResult>;
}

interface Outcome {
    readonly ok: boolean;
    readonly text: string;
}

/** SMTP settings (the password write-only) and a test e-mail sent with what is saved. */
export function EmailSettingsForm(props: EmailSettingsFormProps): React.ReactElement {
    const [draft, setDraft] = React.useState<EmailSettingsDraft>(() => emailDraftOf(props.settings));
    const [touched, setTouched] = React.useState<ReadonlySet<string>>(new Set());
    const [showAll, setShowAll] = React.useState(false);
    const [saved, setSaved] = React.useState<Outcome | undefined>();
    const [busy, setBusy] = React.useState(false);
    const problems = React.useMemo(() => checkEmailDraft(draft).problems, [draft]);
    const problemOf = (key: string): string | undefined => showAll || touched.has(key) ? problems[key] : undefined;
    const set = <K extends keyof EmailSettingsDraft>(key: K, value: EmailSettingsDraft[K]): void => {
        setDraft(previous => ({ ...previous, [key]: value }));
        setTouched(previous => new Set([...previous, key]));
        setSaved(undefined);
    };

    const save = async (event: React.FormEvent): Promise<void> => {
        event.preventDefault();
        const checked = checkEmailDraft(draft);
        if (!checked.input) {
            setShowAll(true);
            return;
        }
        setBusy(true);
        try {
            await props.save(props.settings?.version, checked.input);
            setSaved({ ok: true, text: nls.localize('presswork/notifications/smtpSaved', 'Saved.') });
        } catch (error) {
            setSaved({ ok: false, text: messageOf(error) });
        } finally {
            setBusy(false);
        }
    };

    const hasPassword = props.settings?.hasPassword ?? false;
    return <div className='presswork-notifications-email'>
        <form className='presswork-form' aria-label={nls.localize('presswork/notifications/smtpSettings', 'SMTP settings')} onSubmit={save} noValidate>
            <Field id='presswork-smtp-host' label={nls.localize('presswork/notifications/smtpHost', 'SMTP server')} problem={problemOf('host')}>
                <input id='presswork-smtp-host' className='theia-input' value={draft.host} spellCheck={false} autoComplete='off' onChange={event => set('host', event.target.value)} />
            </Field>
            <Field id='presswork-smtp-security' label={nls.localize('presswork/notifications/smtpSecurity', 'Security')} problem={problemOf('security')}>
                <select id='presswork-smtp-security' className='theia-select' value={draft.security} onChange={event => {
                    setDraft(previous => withSecurity(previous, event.target.value as SmtpSecurity));
                    setSaved(undefined);
                }}>
                    <option value='smtps'>{nls.localize('presswork/notifications/smtps', 'TLS from the start (SMTPS, usually port 465)')}</option>
                    <option value='starttls'>{nls.localize('presswork/notifications/starttls', 'STARTTLS, required (usually port 587)')}</option>
                    <option value='none'>{nls.localize('presswork/notifications/noTls', 'None: plain text (only for a relay on this machine)')}</option>
                </select>
            </Field>
            <Field id='presswork-smtp-port' label={nls.localize('presswork/notifications/smtpPort', 'Port')} problem={problemOf('port')}>
                <input id='presswork-smtp-port' className='theia-input' type='number' min={1} max={65535} value={draft.port} onChange={event => set('port', event.target.value)} />
            </Field>
            <Field id='presswork-smtp-user' label={nls.localize('presswork/notifications/smtpUser', 'User name')} problem={problemOf('user')}
                help={nls.localize('presswork/notifications/smtpUserHelp', 'Leave empty if the server takes mail without signing in.')}>
                <input id='presswork-smtp-user' className='theia-input' value={draft.user} spellCheck={false} autoComplete='off' onChange={event => set('user', event.target.value)} />
            </Field>
            <Field id='presswork-smtp-password' label={nls.localize('presswork/notifications/smtpPassword', 'Password')} problem={problemOf('password')}
                help={hasPassword
                    ? nls.localize('presswork/notifications/smtpPasswordSet', 'A password is set; leave this empty to keep it.')
                    : nls.localize('presswork/notifications/smtpPasswordNotSet', 'No password is set. It is stored encrypted and never shown again.')}>
                <input id='presswork-smtp-password' className='theia-input' type='password' value={draft.password} autoComplete='new-password' onChange={event => set('password', event.target.value)} />
            </Field>
            {hasPassword && <div className='presswork-form-row presswork-form-checkbox'>
                <input id='presswork-smtp-clear-password' type='checkbox' checked={draft.clearPassword} disabled={!!draft.password} onChange={event => set('clearPassword', event.target.checked)} />
                <label htmlFor='presswork-smtp-clear-password'>{nls.localize('presswork/notifications/smtpClearPassword', 'Clear the stored password')}</label>
            </div>}
            <Field id='presswork-smtp-from' label={nls.localize('presswork/notifications/smtpFrom', 'From address')} problem={problemOf('from')}>
                <input id='presswork-smtp-from' className='theia-input' value={draft.from} spellCheck={false} autoComplete='off' onChange={event => set('from', event.target.value)} />
            </Field>
            <div className='presswork-form-row presswork-form-checkbox'>
                <input id='presswork-smtp-verify' type='checkbox' checked={draft.verifyCertificate} onChange={event => set('verifyCertificate', event.target.checked)} />
                <label htmlFor='presswork-smtp-verify'>{nls.localize('presswork/notifications/smtpVerify', 'Verify the server\'s certificate')}</label>
            </div>
            {!draft.verifyCertificate && <p className='presswork-warning'>{nls.localize('presswork/notifications/smtpNoVerify',
                'Without verifying, anyone between this server and the mail server can read the password and the messages.')}</p>}
            <div className='presswork-toolbar'>
                <button type='submit' className='theia-button' disabled={busy}>{nls.localize('presswork/notifications/smtpSave', 'Save')}</button>
                {saved && <span className={saved.ok ? 'presswork-status-ok' : 'presswork-error'} role={saved.ok ? 'status' : 'alert'} data-field='smtpSaved'>{saved.text}</span>}
            </div>
        </form>
        <TestEmail available={!!props.settings} sendTest={props.sendTest} />
    </div>;
}

/** Sends a test e-mail with the saved settings and says what the SMTP server answered. */
function TestEmail(props: { available: boolean; sendTest: (to: string) => Promise<TestEmailResult> }): React.ReactElement {
    const [to, setTo] = React.useState('');
    const [problem, setProblem] = React.useState<string | undefined>();
    const [result, setResult] = React.useState<Outcome | undefined>();
    const [busy, setBusy] = React.useState(false);
    const send = async (event: React.FormEvent): Promise<void> => {
        event.preventDefault();
        const address = EmailAddressSchema.safeParse(to);
        if (!address.success) {
            setProblem(nls.localize('presswork/notifications/testToInvalid', 'Enter the e-mail address to send the test to.'));
            return;
        }
        setProblem(undefined);
        setBusy(true);
        setResult({ ok: true, text: nls.localize('presswork/notifications/testSending', 'Sending…') });
        try {
            const outcome = await props.sendTest(address.data);
            setResult({ ok: outcome.ok, text: outcome.summary });
        } catch (error) {
            setResult({ ok: false, text: messageOf(error) });
        } finally {
            setBusy(false);
        }
    };
    return <form className='presswork-form' aria-label={nls.localize('presswork/notifications/testEmail', 'Test e-mail')} onSubmit={send} noValidate>
        <h3>{nls.localize('presswork/notifications/testEmail', 'Test e-mail')}</h3>
        {!props.available && <p className='presswork-form-help'>{nls.localize('presswork/notifications/testSaveFirst', 'Save the SMTP settings first; the test uses what is saved.')}</p>}
        <Field id='presswork-smtp-test-to' label={nls.localize('presswork/notifications/testTo', 'Send to')} problem={problem}>
            <input id='presswork-smtp-test-to' className='theia-input' value={to} spellCheck={false} autoComplete='off' onChange={event => setTo(event.target.value)} />
        </Field>
        <div className='presswork-toolbar'>
            <button type='submit' className='theia-button secondary' disabled={busy || !props.available}>{nls.localize('presswork/notifications/sendTest', 'Send test e-mail')}</button>
        </div>
        {result && <p className={result.ok ? 'presswork-status-ok' : 'presswork-error'} role={result.ok ? 'status' : 'alert'} data-field='testResult'>{result.text}</p>}
    </form>;
}
