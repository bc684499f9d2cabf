import * as sinon from 'sinon';
import { MockLogger } from '@theia/core/lib/common/test/mock-logger';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/**
 * Theia's `MockLogger` whose level methods record their calls, for tests that read what was
 * logged. The spies take any arguments, so assertions can match a message against a RegExp.
 */
export type RecordingLogger = MockLogger & { readonly [Level in typeof LEVELS[number]]: sinon.SinonSpy };

export function recordingLogger(): RecordingLogger {
    const logger = new MockLogger();
    for (const level of LEVELS) {
        // Own spies, not the default sandbox's: a test's `sinon.restore()` must not end the recording.
        Object.assign(logger, { [level]: sinon.spy(MockLogger.prototype[level]) });
    }
    return logger as RecordingLogger;
}
