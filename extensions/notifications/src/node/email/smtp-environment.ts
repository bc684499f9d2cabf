import { z } from 'zod';
import { EmailAddressSchema } from '@presswork/platform/lib/common/user-schema';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';
import type { EmailSettings } from '../../common/notifications-protocol';

/** SMTP as `PRESSWORK_SMTP_URL` gives it (see the administrator guide, "Notifications"). */
export interface SmtpServerEnvironment {
    readonly host: string;
    readonly port: number;
    readonly security: EmailSettings['security'];
    readonly user?: string;
    readonly password?: string;
    readonly verifyCertificate: boolean;
}

/** What the environment provisions at first start; each part may be absent. */
export interface EmailEnvironment {
    readonly smtp?: SmtpServerEnvironment & { readonly from: string };
    /** The first administrator's e-mail address (`PRESSWORK_ADMIN_EMAIL`). */
    readonly adminEmail?: string;
}

const URL_EXAMPLE = 'smtp://mail.example.com:25, smtps://user:password@mail.example.com or smtp://mail.example.com:587?starttls=required';

/** Query parameters the URL may carry, and what they set. */
const QUERY_OPTIONS: Readonly<Record<string, Readonly<Record<string, Partial<SmtpServerEnvironment>>>>> = {
    starttls: { required: { security: 'starttls' } },
    verifyCertificate: { true: { verifyCertificate: true }, false: { verifyCertificate: false } }
};

/**
 * Parses `PRESSWORK_SMTP_URL`: `smtp://` (plain, port 25; `?starttls=required` to require
 * STARTTLS) or `smtps://` (TLS from the first byte, port 465), an optional `user:password@`
 * (percent-encoded), `?verifyCertificate=false` for a shop's self-signed relay. An error says
 * what is wrong and shows the URL without its password, never the password.
 */
export function parseSmtpUrl(text: string): SmtpServerEnvironment {
    let url: URL;
    try {
        url = new URL(text.trim());
    } catch {
        throw new Error(`PRESSWORK_SMTP_URL is not a URL: write it as ${URL_EXAMPLE}`);
    }
    const shown = withoutPassword(url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
        throw new Error(`PRESSWORK_SMTP_URL must start with smtp:// or smtps:// (it is ${shown})`);
    }
    if (!url.hostname) {
        throw new Error(`PRESSWORK_SMTP_URL names no host (it is ${shown})`);
    }
    if ((url.pathname && url.pathname !== '/') || url.hash) {
        throw new Error(`PRESSWORK_SMTP_URL has a path; an SMTP URL has none (it is ${shown})`);
    }
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    if (password && !user) {
        throw new Error('PRESSWORK_SMTP_URL has a password without a user name: write smtp://user:password@host');
    }
    let settings: SmtpServerEnvironment = {
        host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
        security: url.protocol === 'smtps:' ? 'smtps' : 'none',
        verifyCertificate: true,
        ...(user ? { user } : {}),
        ...(password ? { password } : {})
    };
    for (const [key, value] of url.searchParams) {
        const option = QUERY_OPTIONS[key]?.[value];
        if (!option) {
            throw new Error(`PRESSWORK_SMTP_URL has an unknown option ${key}=${value}: the options are starttls=required and verifyCertificate=true|false`);
        }
        settings = { ...settings, ...option };
    }
    if (settings.security === 'starttls' && url.protocol === 'smtps:') {
        throw new Error('PRESSWORK_SMTP_URL asks for STARTTLS on smtps://, which is TLS already: use smtp://…?starttls=required or smtps:// alone');
    }
    return settings;
}

function withoutPassword(url: URL): string {
    const shown = new URL(url.toString());
    if (shown.password) {
        shown.password = '***';
    }
    return shown.toString();
}

const AddressVariable = (name: string) => z.string().optional().transform((value, context) => {
    if (!value?.trim()) {
        return undefined;
    }
    const parsed = EmailAddressSchema.safeParse(value);
    if (!parsed.success) {
        context.addIssue({ code: 'custom', message: `${name} ${describeZodError(parsed.error).replace(/^\(document\): /, '')}` });
        return z.NEVER;
    }
    return parsed.data;
});

const EnvironmentSchema = z.object({
    PRESSWORK_SMTP_URL: z.string().optional(),
    PRESSWORK_SMTP_FROM: AddressVariable('PRESSWORK_SMTP_FROM'),
    PRESSWORK_ADMIN_EMAIL: AddressVariable('PRESSWORK_ADMIN_EMAIL')
});

/**
 * The e-mail settings of the environment. A bad value is an error that says which variable is
 * wrong and why; `PRESSWORK_SMTP_URL` and `PRESSWORK_SMTP_FROM` go together.
 */
export function readEmailEnvironment(environment: NodeJS.ProcessEnv): EmailEnvironment {
    const parsed = EnvironmentSchema.safeParse(environment);
    if (!parsed.success) {
        throw new Error(parsed.error.issues.map(issue => issue.message).join('; '));
    }
    const { PRESSWORK_SMTP_URL: url, PRESSWORK_SMTP_FROM: from, PRESSWORK_ADMIN_EMAIL: adminEmail } = parsed.data;
    const hasUrl = !!url?.trim();
    if (hasUrl !== !!from) {
        throw new Error('PRESSWORK_SMTP_URL and PRESSWORK_SMTP_FROM go together: set both or neither');
    }
    return {
        ...(hasUrl && from ? { smtp: { ...parseSmtpUrl(url!), from } } : {}),
        ...(adminEmail ? { adminEmail } : {})
    };
}
