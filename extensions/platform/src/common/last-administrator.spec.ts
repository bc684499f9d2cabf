import { strict as assert } from 'assert';
import { isLastAdministrator } from './last-administrator';

describe('isLastAdministrator', () => {
    const admin = { authority: 'Administrator' as const };
    const other = { authority: 'Administrator' as const };
    const operator = { authority: 'Operator' as const };

    it('is true for the only administrator', () => {
        assert.equal(isLastAdministrator(admin, [admin, operator]), true);
    });

    it('is false while another administrator remains', () => {
        assert.equal(isLastAdministrator(admin, [admin, other, operator]), false);
    });

    it('is false for anyone who is not an administrator', () => {
        assert.equal(isLastAdministrator(operator, [admin, operator]), false);
    });
});
