import { z } from 'zod';
import { ippUriProblem } from '../../common/printer-schema';
import { describeZodError } from '../../common/validation-message';

/** The shop's printer, provisioned at first start from `PRESSWORK_PRINTER_URL` (see README). */
export interface PrinterEnvironment {
    /** The printer's URI without user name or password. */
    readonly uri: string;
    readonly userName?: string;
    readonly password?: string;
}

/** The URL with its credentials taken out: what is stored, and all that an error may show. */
function withoutCredentials(url: URL): string {
    const bare = new URL(url.toString());
    bare.username = '';
    bare.password = '';
    return bare.toString();
}

const PrinterUrlSchema = z.string().trim().min(1).max(2000).transform((text, context) => {
    let url: URL;
    try {
        url = new URL(text);
    } catch {
        context.addIssue({ code: 'custom', message: 'must be a printer URL such as ipp://printer.example.com/ipp/print' });
        return z.NEVER;
    }
    const uri = withoutCredentials(url);
    const problem = ippUriProblem(uri);
    if (problem) {
        context.addIssue({ code: 'custom', message: `${problem} (it is ${uri})` });
        return z.NEVER;
    }
    const userName = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    if (password && !userName) {
        context.addIssue({ code: 'custom', message: 'has a password without a user name: write ipps://user:password@host/path' });
        return z.NEVER;
    }
    return { uri, ...(userName ? { userName } : {}), ...(password ? { password } : {}) };
});

const EnvironmentSchema = z.object({ PRESSWORK_PRINTER_URL: PrinterUrlSchema.optional() });

/**
 * The printer of the environment, or undefined when none is configured. A value that is not an
 * ipp:// or ipps:// printer URL is an error that says what is wrong, never what the password is.
 */
export function readPrinterEnvironment(environment: NodeJS.ProcessEnv): PrinterEnvironment | undefined {
    const parsed = EnvironmentSchema.safeParse({ PRESSWORK_PRINTER_URL: environment.PRESSWORK_PRINTER_URL || undefined });
    if (!parsed.success) {
        throw new Error(`Invalid printer in the environment: ${describeZodError(parsed.error)}`);
    }
    return parsed.data.PRESSWORK_PRINTER_URL;
}
