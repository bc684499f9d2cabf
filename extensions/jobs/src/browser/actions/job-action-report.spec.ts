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
        assert.equal(message, 'Complete was refused for 2 of 3 jobs: Flyer: Order 1001 is not closed; Poster: Job Poster is Complete');
    });

    it('words a single refused job simply', () => {
        assert.equal(refusalMessage('Resume', { done: [], refused: [{ jobId: 'a', jobName: 'Flyer', reason: 'Job Flyer is not held' }] }),
            'Resume was refused: Flyer: Job Flyer is not held');
    });

    it('names a few jobs and counts the rest', () => {
        assert.equal(nameJobs(['A']), 'A');
        assert.equal(nameJobs(['A', 'B', 'C']), 'A, B and C');
        assert.equal(nameJobs(['A', 'B', 'C', 'D'], 2), 'A, B and 2 more');
    });
});
