/**
 * The workflow engine's controls, for other extensions' backends: an operator's decision on a
 * waiting job, a released closeout, "process again". Each call names who acts, for the job log.
 */
export const JobFlow = Symbol('JobFlow');
export interface JobFlow {
    /**
     * Moves a job waiting at its current step on to the next one. `atActivity`, when given, must be
     * the step's activity type: a stale click never releases a job from some other step.
     */
    continueJob(jobId: string, by: string, atActivity?: string): Promise<void>;
    /** Sends a job to Error with the message (e.g. Reject). */
    failJob(jobId: string, by: string, message: string): Promise<void>;
    /** Runs the job's current step again (Process again). */
    processAgain(jobId: string, by: string): Promise<void>;
}
