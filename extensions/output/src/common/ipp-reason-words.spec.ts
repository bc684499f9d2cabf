import * as assert from 'node:assert/strict';
import { reasonInWords, reasonsInWords } from './ipp-reason-words';

describe('IPP state reasons in words', () => {
    it('says what an operator would say, with or without the severity suffix', () => {
        assert.equal(reasonInWords('media-empty-error'), 'out of paper');
        assert.equal(reasonInWords('media-empty'), 'out of paper');
        assert.equal(reasonInWords('media-jam-error'), 'paper jam');
        assert.equal(reasonInWords('toner-low-warning'), 'toner low');
        assert.equal(reasonInWords('toner-empty-error'), 'out of toner');
        assert.equal(reasonInWords('marker-supply-low-report'), 'ink or toner low');
        assert.equal(reasonInWords('door-open'), 'a door is open');
        assert.equal(reasonInWords('paused'), 'stopped');
        assert.equal(reasonInWords('job-canceled-at-device'), 'canceled at the printer');
        assert.equal(reasonInWords('aborted-by-system'), 'stopped by the printer');
        assert.equal(reasonInWords('processing-to-stop-point'), 'stopping');
    });

    it('shows an unknown keyword readably', () => {
        assert.equal(reasonInWords('com.example-fuser-unit-overheated-warning'), 'com.example fuser unit overheated');
        assert.equal(reasonInWords('vendor_specific-thing'), 'vendor specific thing');
    });

    it('joins several reasons into one phrase, without none or repeats', () => {
        assert.equal(reasonsInWords([]), 'ready');
        assert.equal(reasonsInWords(['none']), 'ready');
        assert.equal(reasonsInWords(['media-empty-error']), 'out of paper');
        assert.equal(reasonsInWords(['media-empty-error', 'media-empty-report', 'cover-open', 'toner-low-warning']), 'out of paper, a cover is open and toner low');
    });
});
