import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { PressworkError } from './errors';
import { freeName, parseExport } from './exports';

describe('parseExport', () => {
    const schema = z.object({ format: z.literal('presswork-things'), things: z.array(z.string()) });

    it('returns the checked export', () => {
        assert.deepEqual(parseExport('{"format":"presswork-things","things":["a"]}', schema, 'things'), { format: 'presswork-things', things: ['a'] });
    });

    it('says when the file is not JSON, and when it is JSON of another kind, naming the field', () => {
        assert.throws(() => parseExport('{oops', schema, 'things'), (error: Error) => PressworkError.InvalidInput.is(error) && error.message === 'The file is not JSON');
        assert.throws(() => parseExport('{"format":"other","things":[]}', schema, 'things'),
            (error: Error) => PressworkError.InvalidInput.is(error) && /^The file is not a Presswork things export: format:/.test(error.message));
    });
});

describe('freeName', () => {
    it('keeps a free name and numbers a taken one', () => {
        assert.equal(freeName('Flyers', new Set()), 'Flyers');
        assert.equal(freeName('Flyers', new Set(['Flyers', 'Flyers (2)'])), 'Flyers (3)');
    });

    it('stays within the length limit, numbers included', () => {
        const long = 'x'.repeat(100);
        const name = freeName(long, new Set([long]));
        assert.equal(name.length, 100);
        assert.ok(name.endsWith(' (2)'));
    });
});
