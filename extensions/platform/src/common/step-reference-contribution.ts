/**
 * What names a document (a printer, a printer pool, a medium) through an activity property, beyond
 * the workflows' own steps: the owner of the document asks before deleting it, so a Print step is
 * never left pointing at nothing. Workflow answers for its custom activities' defaults; each
 * contribution answers from its own documents, so the asking extension imports no other feature.
 */
export const StepReferenceContribution = Symbol('StepReferenceContribution');
export interface StepReferenceContribution {
    /**
     * Where the activity property `key` holds `value`, in words a person reads after "used by"
     * (e.g. `custom activity Print proofs`); none is an empty list.
     */
    referencesTo(key: string, value: string): string[];
}
