import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { formProblems, hasProblems, problemsOf, sameProblems } from './form-problems';

const FIELDS = [
    { name: 'port', label: 'Port' },
    { name: 'pollingIntervalSeconds', label: 'Polling interval (seconds)' },
    { name: 'password', label: 'Password' },
    { name: 'confirm', label: 'Confirm password' }
];
const Schema = z.object({
    port: z.coerce.number().int().min(1).max(65535),
    pollingIntervalSeconds: z.coerce.number().int().min(1),
    password: z.string(),
    confirm: z.string()
}).superRefine((_values, context) => context.addIssue({ code: 'custom', path: ['elsewhere'], message: 'a rule of the whole form' }));
const passwordsMatch = (values: Readonly<Record<string, string>>): string | undefined =>
    values.password !== values.confirm ? 'The passwords do not match' : undefined;

describe('formProblems', () => {
    it('words every problem of the form at once, beside its field', () => {
        const problems = formProblems(Schema, { port: '70000', pollingIntervalSeconds: '0', password: 'a', confirm: 'b' }, FIELDS, passwordsMatch);
        assert.deepEqual(Object.fromEntries(problems.byField), {
            port: ['The port must be at most 65535'],
            pollingIntervalSeconds: ['The polling interval must be at least 1 second']
        });
        // What no field owns stands for the form as a whole: a schema rule, the rule across fields.
        assert.deepEqual(problems.form, ['A rule of the whole form', 'The passwords do not match']);
        assert.equal(hasProblems(problems), true);
    });

    it('finds nothing in a valid form', () => {
        const Valid = z.object({ port: z.coerce.number().int().max(65535), pollingIntervalSeconds: z.coerce.number().min(1) });
        const problems = formProblems(Valid, { port: '8080', pollingIntervalSeconds: '300', password: 'a', confirm: 'a' }, FIELDS, passwordsMatch);
        assert.equal(hasProblems(problems), false);
    });

    it('shows only the fields a user touched, and the form\'s own problems', () => {
        const problems = formProblems(Schema, { port: '0', pollingIntervalSeconds: '0', password: '', confirm: '' }, FIELDS);
        const shown = problemsOf(problems, field => field === 'port');
        assert.deepEqual([...shown.byField.keys()], ['port']);
        assert.deepEqual(shown.form, problems.form);
    });

    it('tells the same problems apart from changed ones (the dialog renders only a change)', () => {
        const values = { port: '0', pollingIntervalSeconds: '0', password: '', confirm: '' };
        assert.equal(sameProblems(formProblems(Schema, values, FIELDS), formProblems(Schema, values, FIELDS)), true);
        assert.equal(sameProblems(formProblems(Schema, values, FIELDS), formProblems(Schema, { ...values, port: '80' }, FIELDS)), false);
    });
});
