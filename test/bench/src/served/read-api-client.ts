import { ACCOUNT_SERVICE_PATH, AccountService } from '@presswork/platform/lib/common/account-protocol';
import type { JobRow } from '@presswork/platform/lib/common/job-row';
import { RpcSession } from '@presswork/platform/lib/node/rpc/test/rpc-session';
import { LARGEST_JOBS_PAGE } from '@presswork/jobs/lib/node/api/read-api-query';

/** Signs the administrator in and issues an API token for the read API, as a shop system would hold. */
export async function issueApiToken(url: string, adminPassword: string, label: string): Promise<string> {
    const admin = await RpcSession.signIn(url, 'admin', adminPassword);
    try {
        const accounts = await admin.service<AccountService>(ACCOUNT_SERVICE_PATH);
        const me = await accounts.currentUser();
        return (await accounts.issueApiToken(me.id, label)).token;
    } finally {
        admin.close();
    }
}

/** Every job the read API lists, page after page. */
export async function listJobs(url: string, token: string, pageSize = LARGEST_JOBS_PAGE): Promise<JobRow[]> {
    const rows: JobRow[] = [];
    for (let next: string | null = `/api/v1/jobs?limit=${pageSize}`; next;) {
        const response = await fetch(`${url}${next}`, { headers: { Authorization: `Bearer ${token}` } });
        if (!response.ok) {
            throw new Error(`GET ${next} answered ${response.status}: ${await response.text()}`);
        }
        const page = await response.json() as { items: JobRow[]; next: string | null };
        rows.push(...page.items);
        next = page.next;
    }
    return rows;
}
