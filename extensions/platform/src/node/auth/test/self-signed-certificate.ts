import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';

export interface CertificateFiles {
    readonly certFile: string;
    readonly keyFile: string;
}

/** A throwaway self-signed certificate for 127.0.0.1 and localhost, made by openssl in `folder`. */
export async function createSelfSignedCertificate(folder: string): Promise<CertificateFiles> {
    const certFile = path.join(folder, 'cert.pem');
    const keyFile = path.join(folder, 'key.pem');
    await promisify(execFile)('openssl', [
        'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
        '-keyout', keyFile, '-out', certFile,
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'
    ]);
    await fs.chmod(keyFile, 0o600);
    return { certFile, keyFile };
}
