/**
 * Jobs not started because their workflow is disabled, by workflow, so that enabling it sends
 * exactly those on without a scan of every order. Filled again at each start, as the engine
 * resumes every ready job.
 */
export class ParkedJobs {
    protected readonly byWorkflow = new Map<string, Set<string>>();
    protected readonly workflowOf = new Map<string, string>();

    park(jobId: string, workflowId: string): void {
        this.forget(jobId);
        let jobs = this.byWorkflow.get(workflowId);
        if (!jobs) {
            jobs = new Set();
            this.byWorkflow.set(workflowId, jobs);
        }
        jobs.add(jobId);
        this.workflowOf.set(jobId, workflowId);
    }

    /** Whether the job is parked on this workflow (a job moved to another workflow is not). */
    isParkedOn(jobId: string, workflowId: string | undefined): boolean {
        return workflowId !== undefined && this.workflowOf.get(jobId) === workflowId;
    }

    forget(jobId: string): void {
        const workflowId = this.workflowOf.get(jobId);
        if (workflowId === undefined) {
            return;
        }
        this.workflowOf.delete(jobId);
        const jobs = this.byWorkflow.get(workflowId);
        if (jobs?.delete(jobId) && jobs.size === 0) {
            this.byWorkflow.delete(workflowId);
        }
    }

    /** Forgets and returns the jobs parked on a workflow. */
    release(workflowId: string): string[] {
        const jobs = [...this.byWorkflow.get(workflowId) ?? []];
        this.byWorkflow.delete(workflowId);
        jobs.forEach(jobId => this.workflowOf.delete(jobId));
        return jobs;
    }

    clear(): void {
        this.byWorkflow.clear();
        this.workflowOf.clear();
    }
}
