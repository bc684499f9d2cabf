/**
 * The workflow engine's controls, for other extensions' backends: an operator's decision on a
 * waiting job, a released closeout, "process again", and the job actions of the All Jobs pod. Each
 * call names who acts, for the job log, checks the job as it is inside the write, and refuses (with
 * a PressworkError.Refused whose message an operator can read) what the job's state does not allow.
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
    /** Stops the job where it is (its running activity is aborted) in the state Held. */
    hold(jobId: string, by: string): Promise<void>;
    /** Lets a held job run its current step again. */
    resume(jobId: string, by: string): Promise<void>;
    /**
     * Marks the job Complete. Refused for a job waiting for its order's closeout, with the job's
     * wait reason ("Order … is not closed").
     */
    complete(jobId: string, by: string): Promise<void>;
    /**
     * Moves the job to its workflow's Retain step (or, without one, the state Retained). Refused
     * like `complete` while the job waits for its order's closeout.
     */
    retain(jobId: string, by: string): Promise<void>;
    /** Starts the job again at the beginning of another (enabled) workflow. */
    moveToWorkflow(jobId: string, workflowId: string, by: string): Promise<void>;
    /** Removes the job from its order for good, after writing its audit record. */
    deleteJob(jobId: string, by: string): Promise<void>;
}
