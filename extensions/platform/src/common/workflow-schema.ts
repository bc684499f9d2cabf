import { z } from 'zod';
import { DocumentIdSchema, TimestampSchema, shortText } from './identifiers';
import { JobPropertiesSchema } from './job-schema';
import { PHASES } from './job-status';

/** A step runs only when the job property compares true to the value. */
export const StepConditionSchema = z.object({
    property: shortText(100).min(1),
    comparison: z.enum(['equals', 'not-equals', 'contains', 'greater-than', 'less-than']),
    value: z.union([z.string().max(1000), z.number(), z.boolean()])
});
export type StepCondition = z.infer<typeof StepConditionSchema>;

/** One activity in a phase. Its properties are checked by the activity's own schema. */
export const WorkflowStepSchema = z.object({
    id: DocumentIdSchema,
    activity: shortText(100).min(1),
    label: shortText().optional(),
    properties: z.record(z.string().max(100), z.unknown()).default({}),
    condition: StepConditionSchema.optional()
});
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

const steps = z.array(WorkflowStepSchema).max(100);
export const WorkflowPhasesSchema = z.object({
    Receive: steps.min(1, 'the Receive phase may not be empty'),
    Prepare: steps,
    Print: steps,
    Complete: steps.min(1, 'the Complete phase may not be empty')
});
export type WorkflowPhases = z.infer<typeof WorkflowPhasesSchema>;
export const WORKFLOW_PHASE_ORDER = PHASES;

export const WorkflowSchema = z.object({
    id: DocumentIdSchema,
    version: z.number().int().positive(),
    name: shortText(100).min(1),
    description: shortText(2000).default(''),
    enabled: z.boolean(),
    jobDefaults: JobPropertiesSchema.default({}),
    jobOverrides: JobPropertiesSchema.default({}),
    phases: WorkflowPhasesSchema,
    updatedAt: TimestampSchema,
    updatedBy: shortText(64).optional()
});
export type Workflow = z.infer<typeof WorkflowSchema>;
