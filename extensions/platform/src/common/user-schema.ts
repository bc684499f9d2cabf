import { z } from 'zod';
import { AUTHORITIES } from './authority';
import { DocumentIdSchema, TimestampSchema } from './identifiers';

export const AuthoritySchema = z.enum(AUTHORITIES);

/** An e-mail address as people type it: one address, no display name, at most 254 characters. */
export const EmailAddressSchema = z.string().trim().max(254).pipe(z.email('must be an e-mail address such as ops@shop.example'));

/** User names are case-sensitive (as in TFPM); letters, digits and . _ @ - only. */
export const UserNameSchema = z.string()
    .min(1, 'User name is required')
    .max(64, 'User name may be at most 64 characters')
    .regex(/^[\p{L}\p{N}._@-]+$/u, 'User name may contain letters, digits, ".", "_", "@" and "-" only');

const FORBIDDEN_PASSWORD_CHARACTERS = '\'<=>`|~';
const NON_PRINTING = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * TFPM's password rules: 8 to 32 bytes (UTF-8); none of ' < = > ` | ~, DEL or non-printing
 * characters. Returns the first broken rule, or undefined when the password is acceptable.
 */
export function passwordProblem(password: string): string | undefined {
    const bytes = new TextEncoder().encode(password).length;
    if (bytes < 8) {
        return 'Password must be at least 8 bytes long';
    }
    if (bytes > 32) {
        return 'Password must be at most 32 bytes long';
    }
    const forbidden = [...password].find(character => FORBIDDEN_PASSWORD_CHARACTERS.includes(character));
    if (forbidden) {
        return `Password may not contain ${forbidden}`;
    }
    if (NON_PRINTING.test(password)) {
        return 'Password may not contain DEL or non-printing characters';
    }
    return undefined;
}

export const PasswordSchema = z.string().max(256).superRefine((password, context) => {
    const problem = passwordProblem(password);
    if (problem) {
        context.addIssue({ code: 'custom', message: problem });
    }
});

/** A user as stored. The password hash never leaves the backend. */
export const UserSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: UserNameSchema,
    authority: AuthoritySchema,
    /** scrypt$N$r$p$salt$hash, base64 parts. */
    passwordHash: z.string().regex(/^scrypt\$\d{5,7}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9+/]{22,88}={0,2}\$[A-Za-z0-9+/]{43}=$/),
    mustChangePassword: z.boolean(),
    createdAt: TimestampSchema,
    passwordChangedAt: TimestampSchema.optional(),
    /** Where notifications addressed to this user go (rules that name users, the default rules). */
    email: EmailAddressSchema.optional()
});
export type User = z.infer<typeof UserSchema>;

/** What the browser may know of a user. */
export const UserSummarySchema = UserSchema.pick({ id: true, version: true, name: true, authority: true, mustChangePassword: true, createdAt: true, email: true });
export type UserSummary = z.infer<typeof UserSummarySchema>;
