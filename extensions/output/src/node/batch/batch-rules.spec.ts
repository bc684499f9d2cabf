import { expect } from 'chai';
import type { Batch, BatchMember } from '../../common/batch/batch-schema';
import { BatchPropertiesSchema, type BatchProperties } from '../../common/batch/batch-activity';
import { countRuleReason, fillWords, nextReleaseAt, nextReleaseWords, nextTimedRelease } from './batch-rules';

const OPENED = '2026-03-02T15:00:00.000Z'; // 10:00 in New York

function member(index: number, change: Partial<BatchMember> = {}): BatchMember {
    return { jobId: `job-${index}`, orderId: `order-${index}`, orderNumber: `${1000 + index}`, jobName: 'Cards', copies: 1, joinedAt: OPENED, ...change };
}

function batch(rules: Partial<BatchProperties>, members: BatchMember[]): Pick<Batch, 'members' | 'rules' | 'openedAt'> {
    return { rules: BatchPropertiesSchema.parse(rules), members, openedAt: OPENED };
}

describe('batch rules', () => {
    it('words the fill with and without a jobs-per-batch rule', () => {
        expect(fillWords(batch({ jobsPerBatch: 3 }, [member(1), member(2)]))).to.equal('2 of 3 jobs');
        expect(fillWords(batch({}, [member(1), member(2)]))).to.equal('2 jobs');
        expect(fillWords(batch({}, [member(1)]))).to.equal('1 job');
    });

    it('releases at the jobs per batch, not before', () => {
        expect(countRuleReason(batch({ jobsPerBatch: 3 }, [member(1), member(2)]))).to.equal(undefined);
        expect(countRuleReason(batch({ jobsPerBatch: 3 }, [member(1), member(2), member(3)]))).to.equal('3 of 3 jobs');
    });

    it('releases when the copies add up', () => {
        const members = [member(1, { copies: 250 }), member(2, { copies: 200 })];
        expect(countRuleReason(batch({ totalCopies: 500 }, members))).to.equal(undefined);
        expect(countRuleReason(batch({ totalCopies: 450 }, members))).to.equal('450 of 450 copies');
    });

    it('releases when the sheets add up', () => {
        const members = [member(1, { sheets: 600 }), member(2, { sheets: 500 })];
        expect(countRuleReason(batch({ totalSheets: 1200 }, members))).to.equal(undefined);
        expect(countRuleReason(batch({ totalSheets: 1000 }, members))).to.equal('1,100 of 1,000 sheets');
    });

    it('releases at the next time of day after the batch opened, in the shop\'s time zone', () => {
        const timed = nextTimedRelease(batch({ timesOfDay: ['09:00', '14:00'] }, [member(1)]), 'America/New_York');
        expect(timed?.timeOfDay).to.equal('14:00');
        expect(new Date(timed!.at).toISOString()).to.equal('2026-03-02T19:00:00.000Z');
    });

    it('takes tomorrow\'s time when today\'s have passed, across a change of the clocks', () => {
        // New York moves to summer time on 2026-03-08: 09:00 that day is 13:00 UTC.
        const saturday = { ...batch({ timesOfDay: ['09:00'] }, [member(1)]), openedAt: '2026-03-07T20:00:00.000Z' };
        expect(nextReleaseAt(saturday, 'America/New_York')).to.equal('2026-03-08T13:00:00.000Z');
    });

    it('releases when the oldest job has waited the minutes', () => {
        const members = [member(1, { joinedAt: '2026-03-02T15:10:00.000Z' }), member(2, { joinedAt: '2026-03-02T15:05:00.000Z' })];
        const timed = nextTimedRelease(batch({ oldestWaitMinutes: 30 }, members), 'UTC');
        expect(new Date(timed!.at).toISOString()).to.equal('2026-03-02T15:35:00.000Z');
        expect(timed!.reason).to.equal('the oldest job waited 30 minutes');
    });

    it('releases when a job is due within the hours', () => {
        const members = [member(1, { due: '2026-03-03T12:00:00.000Z' }), member(2)];
        const timed = nextTimedRelease(batch({ dueWithinHours: 4 }, members), 'UTC');
        expect(new Date(timed!.at).toISOString()).to.equal('2026-03-03T08:00:00.000Z');
    });

    it('takes the earliest of the time rules, and none without one', () => {
        const members = [member(1)];
        const timed = nextTimedRelease(batch({ timesOfDay: ['14:00'], oldestWaitMinutes: 60 }, members), 'America/New_York');
        expect(timed!.reason).to.equal('the oldest job waited 60 minutes');
        expect(nextTimedRelease(batch({ jobsPerBatch: 3 }, members), 'UTC')).to.equal(undefined);
    });

    it('says what releases the batch next, in words', () => {
        expect(nextReleaseWords(batch({ jobsPerBatch: 3, timesOfDay: ['14:00'] }, [member(1), member(2)]), 'America/New_York'))
            .to.equal('when 1 more job arrives or at 14:00');
        expect(nextReleaseWords(batch({}, [member(1)]), 'UTC')).to.equal('by hand only');
    });
});
