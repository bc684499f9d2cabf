import * as path from 'node:path';
import { z } from 'zod';
import { describeZodError } from '../common/validation-message';

/** Settings read once from the environment at start (documented in the README). */
export interface PressworkConfig {
    /** The data folder: store, keys, initial password file. */
    readonly dataFolder: string;
    /** First start only: the initial `admin` password, accepted as already chosen. */
    readonly initialAdminPassword?: string;
    /** Whether the built-in demo MarcomCentral store runs. */
    readonly demo: boolean;
    /**
     * `PRESSWORK_DATABASE_URL`: the PostgreSQL database several servers share (`postgres://…`,
     * TLS through `sslmode` and friends in the URL). Absent: the embedded store in the data folder.
     */
    readonly databaseUrl?: string;
    /**
     * `PRESSWORK_LEASE_SECONDS` (PostgreSQL only): how long a server's hold on work outlives its
     * last heartbeat. A dead server's work moves to another within about this time plus a check.
     */
    readonly leaseSeconds: number;
}
export const PressworkConfig = Symbol('PressworkConfig');

const EnvironmentSchema = z.object({
    PRESSWORK_DATA: z.string().min(1).default('.presswork'),
    PRESSWORK_ADMIN_PASSWORD: z.string().min(1).optional(),
    PRESSWORK_DEMO: z.enum(['0', '1']).default('1'),
    PRESSWORK_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL').optional(),
    PRESSWORK_LEASE_SECONDS: z.coerce.number().int().min(3).max(300).default(10)
});

export function readPressworkConfig(environment: NodeJS.ProcessEnv, workingFolder = process.cwd()): PressworkConfig {
    const parsed = EnvironmentSchema.safeParse(environment);
    if (!parsed.success) {
        throw new Error(`Invalid Presswork environment: ${describeZodError(parsed.error)}`);
    }
    return {
        dataFolder: path.resolve(workingFolder, parsed.data.PRESSWORK_DATA),
        initialAdminPassword: parsed.data.PRESSWORK_ADMIN_PASSWORD,
        demo: parsed.data.PRESSWORK_DEMO === '1',
        databaseUrl: parsed.data.PRESSWORK_DATABASE_URL,
        leaseSeconds: parsed.data.PRESSWORK_LEASE_SECONDS
    };
}
