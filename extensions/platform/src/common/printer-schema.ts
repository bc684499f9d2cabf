import { z } from 'zod';
import { EncryptedSecretSchema } from './connection-schema';
import { DocumentIdSchema, shortText } from './identifiers';

/** A DNS name: dot-separated labels of letters, digits and inner hyphens (RFC 1123). */
export const HOST_NAME_PATTERN = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Why a printer URI is not a plain `ipp://host[:port]/path` or `ipps://…`, or `undefined` when it is.
 * Credentials never go into the URI (the printer's user name and password are fields of their own).
 */
export function ippUriProblem(uri: string): string | undefined {
    let url: URL;
    try {
        url = new URL(uri);
    } catch {
        return 'must be a URI such as ipp://printer.example.com/ipp/print';
    }
    if (url.protocol !== 'ipp:' && url.protocol !== 'ipps:') {
        return 'must start with ipp:// or ipps://';
    }
    if (url.username || url.password) {
        return 'must not hold a user name or password: use the fields for them';
    }
    const host = url.hostname;
    const bracketed = host.startsWith('[') && host.endsWith(']');
    if (!host || !(bracketed || IPV4.test(host) || HOST_NAME_PATTERN.test(host))) {
        return 'must name the printer\'s host';
    }
    if (url.search || url.hash) {
        return 'must not have a query or fragment';
    }
    if (!url.pathname || url.pathname === '/') {
        return 'must have the printer\'s path, e.g. /ipp/print';
    }
    return undefined;
}

export const IppUriSchema = z.string().trim().min(1).max(2000).superRefine((uri, context) => {
    const problem = ippUriProblem(uri);
    if (problem) {
        context.addIssue({ code: 'custom', message: problem });
    }
});

const identity = {
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    description: shortText(2000).default(''),
    enabled: z.boolean()
};

/**
 * A printer: a DFE's hot folder, a raw TCP socket (JetDirect, port 9100) or an IPP printer
 * (`ipp://` or `ipps://`, with an optional user name and a password sealed at rest, as a
 * connection's tokens are: it never leaves the backend).
 */
export const PrinterSchema = z.discriminatedUnion('kind', [
    z.object({
        ...identity,
        kind: z.literal('hot-folder'),
        folder: z.string().min(1).max(1000)
    }),
    z.object({
        ...identity,
        kind: z.literal('raw-socket'),
        host: z.string().min(1).max(253),
        port: z.number().int().min(1).max(65_535).default(9100)
    }),
    z.object({
        ...identity,
        kind: z.literal('ipp'),
        uri: IppUriSchema,
        userName: shortText(100).min(1).optional(),
        password: EncryptedSecretSchema.optional()
    })
]);
export type Printer = z.infer<typeof PrinterSchema>;
export type PrinterKind = Printer['kind'];
export const PRINTER_KINDS: readonly PrinterKind[] = ['hot-folder', 'raw-socket', 'ipp'];

type WithoutPassword<T> = T extends unknown ? Omit<T, 'password'> : never;

/** A printer as a browser sees it: an IPP printer's sealed password replaced by whether one is set. */
export type PrinterView = WithoutPassword<Printer> & { readonly passwordSet?: boolean };

export function printerView(printer: Printer): PrinterView {
    if (printer.kind !== 'ipp') {
        return printer;
    }
    const { password, ...rest } = printer;
    return { ...rest, passwordSet: password !== undefined };
}
