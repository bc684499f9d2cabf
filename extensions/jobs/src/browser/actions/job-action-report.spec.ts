import * as assert from 'node:assert/strict';
import { nameJobs, refusalMessage } from './job-action-report';

describe('job action reports', () => {

    it('says nothing when every job was done', () => {
        assert.equal(refusalMessage('Hold', { done: ['a', 'b'], refused: [] }), undefined);
    });

    it('lists each refused job with its reason in one message', () => {
        const message = refusalMessage('Complete', {
            done: ['a'],
            refused: [
                { jobId: 'b', jobName: 'Flyer', reason: 'Order 1001 is not closed' },
                { jobId: 'c', jobName: 'Poster', reason: 'Job Poster is Complete' }
            ]
        });
        assert.equal(message, 'Complete was refused for 2 of 3 jobs: \u2068Flyer\u2069: \u2068Order 1001 is not closed\u2069; \u2068Poster\u2069: \u2068Job Poster is Complete\u2069');
    });

    it('words a single refused job simply', () => {
        assert.equal(refusalMessage('Resume', { done: [], refused: [{ jobId: 'a', jobName: 'Flyer', reason: 'Job Flyer is not held' }] }),
            'Resume was refused: \u2068Flyer\u2069: \u2068Job Flyer is not held\u2069');
    });

    it('names a few jobs and counts the rest', () => {
        assert.equal(nameJobs(['A']), '\u2068A\u2069');
        assert.equal(nameJobs(['A', 'B', 'C']), '\u2068A\u2069, \u2068B\u2069 and \u2068C\u2069');
        assert.equal(nameJobs(['A', 'B', 'C', 'D'], 2), '\u2068A\u2069, \u2068B\u2069 and 2 more');
    });

    it('isolates each store name, so a bidi override in one cannot reorder the rest of the message', () => {
        assert.equal(nameJobs(['\u202Efdp.exe', 'B']), '\u2068\u202Efdp.exe\u202C\u2069 and \u2068B\u2069');
        assert.equal(refusalMessage('Hold', { done: [], refused: [{ jobId: 'a', jobName: 'x\u2069\u202Ey', reason: 'r' }] }),
            'Hold was refused: \u2068x\u202Ey\u202C\u2069: \u2068r\u2069');
    });
});
