import * as React from '@theia/core/shared/react';

export interface FieldProps {
    /** The id of the input inside, which the label names. */
    readonly id: string;
    readonly label: string;
    /** What is wrong with the value, in words; shown under the input. */
    readonly problem?: string;
    readonly help?: React.ReactNode;
    readonly children: React.ReactNode;
}

/** One labelled field of a notifications form, with its help and its problem under it. */
export function Field(props: FieldProps): React.ReactElement {
    return <div className='presswork-form-row' data-field-row={props.id}>
        <label htmlFor={props.id}>{props.label}</label>
        {props.children}
        {props.help && <span className='presswork-form-help'>{props.help}</span>}
        <FieldProblem id={props.id} problem={props.problem} />
    </div>;
}

/** A field's problem, announced when it appears. */
export function FieldProblem(props: { id: string; problem?: string }): React.ReactElement | null {
    return props.problem ? <span className='presswork-field-problem' role='alert' data-problem-of={props.id}>{props.problem}</span> : null;
}
