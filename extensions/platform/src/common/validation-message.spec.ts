import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { sentenceOfIssue, sentencesByField, subjectOfLabel } from './validation-message';

/** The sentence for the one issue a value raises against a schema, about a field labelled `label`. */
function sentence(schema: z.ZodType, value: unknown, label: string): string {
    const parsed = schema.safeParse(value);
    assert.ok(!parsed.success, 'expected the value to be refused');
    return sentenceOfIssue(parsed.error.issues[0], subjectOfLabel(label));
}

describe('subjectOfLabel', () => {
    it('makes a label the subject of a sentence, with its unit', () => {
        assert.deepEqual(subjectOfLabel('Polling interval (seconds)'), { noun: 'The polling interval', unit: { one: 'second', many: 'seconds' } });
        assert.deepEqual(subjectOfLabel('Endpoint URL'), { noun: 'The endpoint URL', unit: undefined });
        assert.equal(subjectOfLabel('URL').noun, 'The URL');
        assert.deepEqual(subjectOfLabel('Priority (1–10)'), { noun: 'The priority', unit: undefined });
    });
});

describe('sentenceOfIssue', () => {
    it('words number limits as sentences, with the unit counted', () => {
        const seconds = z.number().int().min(1).max(86_400);
        assert.equal(sentence(seconds, 0, 'Polling interval (seconds)'), 'The polling interval must be at least 1 second');
        assert.equal(sentence(seconds, 90_000, 'Polling interval (seconds)'), 'The polling interval must be at most 86400 seconds');
        assert.equal(sentence(z.number().max(65535), 70000, 'Port'), 'The port must be at most 65535');
        assert.equal(sentence(z.number().positive(), 0, 'Copies'), 'The copies must be more than 0');
        assert.equal(sentence(seconds, 1.5, 'Polling interval (seconds)'), 'The polling interval must be a whole number');
        assert.equal(sentence(z.coerce.number(), 'abc', 'Port'), 'The port must be a number');
    });

    it('says a missing or empty field is required', () => {
        assert.equal(sentence(z.object({ name: z.string() }), {}, 'Name').replace(/^This value/, 'The name'), 'The name is required');
        assert.equal(sentence(z.string().min(1), '', 'Name'), 'The name is required');
        assert.equal(sentence(z.string().min(8), 'short', 'Password'), 'The password must be at least 8 characters long');
        assert.equal(sentence(z.string().max(3), 'long', 'Code'), 'The code must be at most 3 characters long');
    });

    it('words formats and choices', () => {
        assert.equal(sentence(z.url(), 'not a url', 'Endpoint URL'), 'The endpoint URL must be a web address such as https://example.com');
        assert.equal(sentence(z.email(), 'x', 'E-mail'), 'The e-mail must be an e-mail address such as name@example.com');
        assert.equal(sentence(z.enum(['Versioned', 'Variable', 'JobDirect']), 'Versiond', 'Product type'), 'The product type must be Versioned, Variable or JobDirect');
        assert.equal(sentence(z.array(z.string()).max(2), ['a', 'b', 'c'], 'Hosts'), 'The hosts may have at most 2 entries');
    });

    it('keeps the schema author\'s own words, after the field when they are a predicate', () => {
        assert.equal(sentence(z.url({ error: 'must be an http or https URL' }), 'ftp:', 'Endpoint URL'), 'The endpoint URL must be an http or https URL');
        assert.equal(sentence(z.string().min(1, 'Choose a workflow'), '', 'Workflow'), 'Choose a workflow');
        assert.equal(sentence(z.string().min(1, 'a token may not be empty'), '', 'Order token'), 'A token may not be empty');
        assert.equal(sentence(z.number().min(1, 'custom words'), 0, 'Port'), 'Custom words');
    });

    it('never shows zod\'s own wording', () => {
        const schemas: [z.ZodType, unknown][] = [
            [z.number().min(1), 0], [z.number().max(1), 2], [z.string(), 5], [z.enum(['a', 'b']), 'c'], [z.url(), 'x'],
            [z.number().int(), 0.5], [z.array(z.number()).min(2), [1]], [z.number().multipleOf(5), 3], [z.strictObject({}), { extra: 1 }]
        ];
        for (const [schema, value] of schemas) {
            const words = sentence(schema, value, 'Field');
            assert.doesNotMatch(words, /Too (small|big)|expected|Invalid|[<>]=?/, words);
        }
    });
});

describe('sentencesByField', () => {
    it('gives every problem of a form at once, by field', () => {
        const schema = z.object({ port: z.number().max(65535), interval: z.number().min(1), name: z.string().min(1) });
        const parsed = schema.safeParse({ port: 70000, interval: 0, name: '' });
        assert.ok(!parsed.success);
        const labels: Record<string, string> = { port: 'Port', interval: 'Polling interval (seconds)', name: 'Name' };
        const byField = sentencesByField(parsed.error, field => subjectOfLabel(labels[field]));
        assert.deepEqual(byField.get('port'), ['The port must be at most 65535']);
        assert.deepEqual(byField.get('interval'), ['The polling interval must be at least 1 second']);
        assert.deepEqual(byField.get('name'), ['The name is required']);
    });
});
