import * as assert from 'node:assert/strict';
import { partitionRanges } from './servers-protocol';

describe('partitionRanges', () => {

    it('groups consecutive partitions into runs, ascending, whatever the order given', () => {
        assert.deepEqual(partitionRanges([5, 0, 1, 2, 7, 6, 10]), [{ first: 0, last: 2 }, { first: 5, last: 7 }, { first: 10, last: 10 }]);
    });

    it('makes one run of all 32 and none of nothing; repeats count once', () => {
        assert.deepEqual(partitionRanges(Array.from({ length: 32 }, (_, index) => 31 - index)), [{ first: 0, last: 31 }]);
        assert.deepEqual(partitionRanges([]), []);
        assert.deepEqual(partitionRanges([3, 3, 4]), [{ first: 3, last: 4 }]);
    });
});
