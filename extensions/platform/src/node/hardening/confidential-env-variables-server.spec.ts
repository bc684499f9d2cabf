import * as assert from 'node:assert/strict';
import { ConfidentialEnvVariablesServer } from './confidential-env-variables-server';

describe('ConfidentialEnvVariablesServer', () => {
    it('tells browsers nothing of the environment, secrets included', async () => {
        process.env.PRESSWORK_ADMIN_PASSWORD = 'Secret#Pass1';
        process.env.THEIA_CONFIG_DIR = '/srv/presswork/theia';
        try {
            const server = new ConfidentialEnvVariablesServer();
            assert.deepEqual(await server.getVariables(), []);
            assert.equal(await server.getValue('PRESSWORK_ADMIN_PASSWORD'), undefined);
            assert.equal(await server.getConfigDirUri(), 'file:///srv/presswork/theia');
        } finally {
            delete process.env.PRESSWORK_ADMIN_PASSWORD;
            delete process.env.THEIA_CONFIG_DIR;
        }
    });
});
