import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { LONG_PRESS_MS, LONG_PRESS_SLOP, LongPress } from './long-press';

describe('LongPress', () => {
    let clock: sinon.SinonFakeTimers;
    let press: LongPress;
    let fired: number;
    const fire = (): void => {
        fired++;
    };

    beforeEach(() => {
        clock = sinon.useFakeTimers();
        press = new LongPress();
        fired = 0;
    });

    afterEach(() => clock.restore());

    it('fires when the finger rests, and the click that ends it is swallowed once', () => {
        press.down(100, 100, fire);
        press.move(103, 102);
        clock.tick(LONG_PRESS_MS);
        assert.equal(fired, 1);
        assert.equal(press.takeFired(), true);
        assert.equal(press.takeFired(), false, 'the next click is a click again');
    });

    it('does not fire on a tap or a scroll', () => {
        press.down(100, 100, fire);
        clock.tick(LONG_PRESS_MS / 2);
        press.cancel();
        press.down(100, 100, fire);
        press.move(100, 100 + LONG_PRESS_SLOP + 1);
        clock.tick(LONG_PRESS_MS * 2);
        assert.equal(fired, 0);
        assert.equal(press.takeFired(), false);
    });
});
