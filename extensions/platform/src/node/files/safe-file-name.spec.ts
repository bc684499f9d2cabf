import * as assert from 'node:assert/strict';
import { finishFileName, fitToBytes, numberedFileName, sanitiseFileNameComponent } from './safe-file-name';

describe('safe file names', () => {

    it('turns separators, runs of dots and control characters in a value into plain text', () => {
        assert.equal(sanitiseFileNameComponent('../../etc/passwd'), '____etc_passwd');
        assert.equal(sanitiseFileNameComponent('a/b\\c'), 'a_b_c');
        assert.equal(sanitiseFileNameComponent('line\nbreak\u0000nul\u202eright-to-left'), 'line_break_nul_right-to-left');
        assert.equal(sanitiseFileNameComponent('.pdf'), '.pdf');
        assert.equal(sanitiseFileNameComponent('x'.repeat(500)).length, 100);
    });

    it('makes a pattern result a plain visible name, and refuses one that names a folder', () => {
        assert.equal(finishFileName('..hidden'), '__hidden');
        assert.equal(finishFileName('.pdf'), '_pdf');
        assert.throws(() => finishFileName('sub/name.pdf'), /names a folder/);
        assert.throws(() => finishFileName('  '), /empty file name/);
    });

    it('shortens a long name before its extension, counting UTF-8 bytes', () => {
        const long = `${'é'.repeat(300)}.pdf`;
        const fitted = fitToBytes(long, 100);
        assert.ok(Buffer.byteLength(fitted) <= 100);
        assert.ok(fitted.endsWith('.pdf'));
        assert.ok(Buffer.byteLength(finishFileName(long)) <= 255 - 12);
    });

    it('numbers a name before its extension', () => {
        assert.equal(numberedFileName('report.pdf', 1), 'report.pdf');
        assert.equal(numberedFileName('report.pdf', 2), 'report (2).pdf');
        assert.equal(numberedFileName('README', 3), 'README (3)');
    });
});
