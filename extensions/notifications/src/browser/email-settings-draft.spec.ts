import * as assert from 'node:assert/strict';
import { checkEmailDraft, emailDraftOf, withSecurity } from './email-settings-draft';

const typed = { ...emailDraftOf(undefined), host: 'smtp.shop.example', from: 'presswork@shop.example' };

describe('the SMTP settings form', () => {
    it('turns what is typed into the service\'s input; an empty password keeps the stored one', () => {
        assert.deepEqual(checkEmailDraft(typed).input, { host: 'smtp.shop.example', port: 587, security: 'starttls', clearPassword: false, from: 'presswork@shop.example', verifyCertificate: true });
        assert.deepEqual(checkEmailDraft({ ...typed, user: ' mailer ', password: 's3cret' }).input, {
            host: 'smtp.shop.example', port: 587, security: 'starttls', user: 'mailer', password: 's3cret', clearPassword: false, from: 'presswork@shop.example', verifyCertificate: true
        });
        assert.equal(checkEmailDraft({ ...typed, clearPassword: true }).input?.clearPassword, true);
        assert.equal(checkEmailDraft({ ...typed, clearPassword: true, password: 'new' }).input?.clearPassword, false, 'a new password replaces, never clears');
    });

    it('says what is wrong, field by field', () => {
        const checked = checkEmailDraft({ ...typed, host: '', port: '70000', from: 'nobody' });
        assert.equal(checked.input, undefined);
        assert.deepEqual(Object.keys(checked.problems).sort(), ['from', 'host', 'port']);
        assert.match(checked.problems.from, /e-mail address/);
    });

    it('suggests the usual port of the security chosen, unless the port was set to another', () => {
        assert.equal(withSecurity(typed, 'smtps').port, '465');
        assert.equal(withSecurity({ ...typed, port: '2525' }, 'none').port, '2525');
    });

    it('shows the stored settings without their password', () => {
        const draft = emailDraftOf({ id: 'email', version: 2, host: 'h', port: 25, security: 'none', from: 'a@b.example', verifyCertificate: false, updatedAt: '2026-12-05T10:00:00.000Z', hasPassword: true });
        assert.deepEqual([draft.password, draft.port, draft.security, draft.verifyCertificate], ['', '25', 'none', false]);
    });
});
