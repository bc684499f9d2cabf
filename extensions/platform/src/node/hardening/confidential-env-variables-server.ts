import { injectable } from '@theia/core/shared/inversify';
import { EnvVariablesServerImpl } from '@theia/core/lib/node/env-variables';
import type { EnvVariable } from '@theia/core/lib/common/env-variables';

/**
 * Theia hands the backend's environment to every browser that asks. Presswork's holds secrets
 * (the initial admin password among them), so browsers get none of it.
 */
@injectable()
export class ConfidentialEnvVariablesServer extends EnvVariablesServerImpl {
    override async getVariables(): Promise<EnvVariable[]> {
        return [];
    }

    override async getValue(_key: string): Promise<EnvVariable | undefined> {
        return undefined;
    }
}
