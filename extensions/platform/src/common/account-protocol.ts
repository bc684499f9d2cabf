import { z } from 'zod';
import { AuthoritySchema, EmailAddressSchema, PasswordSchema, UserNameSchema, UserSummary } from './user-schema';
import { DocumentIdSchema } from './identifiers';
import type { Authority, Permission } from './authority';
import type { RpcContract } from './rpc-contract';

export const ACCOUNT_SERVICE_PATH = '/services/platform/accounts';

/** The signed-in user as the frontend sees it. */
export interface CurrentUser {
    readonly id: string;
    readonly name: string;
    readonly authority: Authority;
    readonly permissions: readonly Permission[];
}

export const NewUserSchema = z.object({
    name: UserNameSchema,
    authority: AuthoritySchema,
    password: PasswordSchema,
    /** Where notifications addressed to the user go; optional. */
    email: EmailAddressSchema.optional()
});
export type NewUser = z.infer<typeof NewUserSchema>;

/** A user's e-mail address as set in the users view or the Account menu: empty removes it. */
export const UserEmailSchema = z.union([z.literal(''), EmailAddressSchema]);

/** An API token as administrators see it: never the token itself, which is shown once at issue. */
export interface ApiTokenSummary {
    readonly id: string;
    readonly userId: string;
    /** The user's name, or undefined when the user was deleted (the token then opens nothing). */
    readonly userName?: string;
    readonly name: string;
    readonly createdAt: string;
    readonly createdBy: string;
    readonly lastUsedAt?: string;
}

/** A newly issued token: `token` is the only copy there will ever be. */
export interface IssuedApiToken {
    readonly token: string;
    readonly summary: ApiTokenSummary;
}

export const ApiTokenNameSchema = z.string().trim().min(1, 'Name is required').max(100, 'Name may be at most 100 characters');

/** Sign-in state and user administration (users view, own password). */
export const AccountService = Symbol('AccountService');
export interface AccountService {
    currentUser(): Promise<CurrentUser>;
    changeOwnPassword(currentPassword: string, newPassword: string): Promise<void>;
    listUsers(): Promise<UserSummary[]>;
    createUser(user: NewUser): Promise<UserSummary>;
    deleteUser(id: string, version: number): Promise<void>;
    setAuthority(id: string, version: number, authority: Authority): Promise<UserSummary>;
    /** Sets a new password that the user must change at their next sign-in; signs them out everywhere. */
    resetPassword(id: string, version: number, password: string): Promise<UserSummary>;
    /** Sets where the user's notifications go; an empty string removes the address. */
    setEmail(id: string, version: number, email: string): Promise<UserSummary>;
    /** The signed-in user's own e-mail address (undefined when none), and setting it ('' removes it). */
    ownEmail(): Promise<string | undefined>;
    setOwnEmail(email: string): Promise<void>;
    /** Tokens for the read API (`Authorization: Bearer …`), each acting as its user. */
    listApiTokens(): Promise<ApiTokenSummary[]>;
    issueApiToken(userId: string, name: string): Promise<IssuedApiToken>;
    revokeApiToken(id: string): Promise<void>;
}

const version = z.number().int().positive();

export const AccountServiceContract: RpcContract<AccountService> = {
    currentUser: { access: 'signed-in', args: z.tuple([]) },
    changeOwnPassword: { access: 'account.password', args: z.tuple([z.string().max(256), PasswordSchema]) },
    listUsers: { access: 'users.manage', args: z.tuple([]) },
    createUser: { access: 'users.manage', args: z.tuple([NewUserSchema]) },
    deleteUser: { access: 'users.manage', args: z.tuple([DocumentIdSchema, version]) },
    setAuthority: { access: 'users.manage', args: z.tuple([DocumentIdSchema, version, AuthoritySchema]) },
    resetPassword: { access: 'users.manage', args: z.tuple([DocumentIdSchema, version, PasswordSchema]) },
    setEmail: { access: 'users.manage', args: z.tuple([DocumentIdSchema, version, UserEmailSchema]) },
    ownEmail: { access: 'signed-in', args: z.tuple([]) },
    setOwnEmail: { access: 'signed-in', args: z.tuple([UserEmailSchema]) },
    listApiTokens: { access: 'users.manage', args: z.tuple([]) },
    issueApiToken: { access: 'users.manage', args: z.tuple([DocumentIdSchema, ApiTokenNameSchema]) },
    revokeApiToken: { access: 'users.manage', args: z.tuple([DocumentIdSchema]) }
};
