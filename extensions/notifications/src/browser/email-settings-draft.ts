import { nls } from '@theia/core/lib/common/nls';
import { type EmailSettingsInput, EmailSettingsInputSchema, type EmailSettingsView } from '../common/notifications-protocol';
import { fieldProblems, type FieldProblems, wholeNumberIn } from './field-problems';

export type SmtpSecurity = EmailSettingsView['security'];

/** The SMTP form as typed. The password is write-only: empty keeps the stored one. */
export interface EmailSettingsDraft {
    readonly host: string;
    readonly port: string;
    readonly security: SmtpSecurity;
    readonly user: string;
    readonly password: string;
    readonly clearPassword: boolean;
    readonly from: string;
    readonly verifyCertificate: boolean;
}

/** The port each security usually listens on: choosing the security suggests it while the port is still a usual one. */
export const USUAL_PORTS: Readonly<Record<SmtpSecurity, number>> = { smtps: 465, starttls: 587, none: 25 };

export function emailDraftOf(settings: EmailSettingsView | undefined): EmailSettingsDraft {
    return settings
        ? { host: settings.host, port: String(settings.port), security: settings.security, user: settings.user ?? '', password: '', clearPassword: false, from: settings.from, verifyCertificate: settings.verifyCertificate }
        : { host: '', port: String(USUAL_PORTS.starttls), security: 'starttls', user: '', password: '', clearPassword: false, from: '', verifyCertificate: true };
}

export function withSecurity(draft: EmailSettingsDraft, security: SmtpSecurity): EmailSettingsDraft {
    const usual = Object.values(USUAL_PORTS).map(String).includes(draft.port.trim()) || !draft.port.trim();
    return { ...draft, security, ...(usual ? { port: String(USUAL_PORTS[security]) } : {}) };
}

export interface CheckedEmailSettings {
    readonly input?: EmailSettingsInput;
    readonly problems: FieldProblems;
}

/** The form as the service takes it, or what is wrong, field by field. */
export function checkEmailDraft(draft: EmailSettingsDraft): CheckedEmailSettings {
    const port = wholeNumberIn(draft.port, 1, 65535);
    const input: EmailSettingsInput = {
        host: draft.host, port: port ?? 0, security: draft.security,
        ...(draft.user.trim() ? { user: draft.user.trim() } : {}),
        ...(draft.password ? { password: draft.password } : {}),
        clearPassword: !draft.password && draft.clearPassword,
        from: draft.from, verifyCertificate: draft.verifyCertificate
    };
    const checked = EmailSettingsInputSchema.safeParse(input);
    const problems = checked.success ? {} : fieldProblems(checked.error, path => String(path[0] ?? 'host'));
    if (port === undefined) {
        problems.port = nls.localize('presswork/notifications/badPort', 'A port number from 1 to 65535.');
    }
    return Object.keys(problems).length ? { problems } : { input, problems: {} };
}
