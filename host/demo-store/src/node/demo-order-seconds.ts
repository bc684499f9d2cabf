import { z } from 'zod';
import { describeZodError } from '@presswork/platform/lib/common/validation-message';

/** Seconds between demo orders (PRESSWORK_DEMO_ORDER_SECONDS, default 30). */
export function demoOrderSeconds(environment: NodeJS.ProcessEnv): number {
    const parsed = z.coerce.number().int().min(1).max(86_400).default(30).safeParse(environment.PRESSWORK_DEMO_ORDER_SECONDS);
    if (!parsed.success) {
        throw new Error(`PRESSWORK_DEMO_ORDER_SECONDS must be a whole number of seconds: ${describeZodError(parsed.error)}`);
    }
    return parsed.data;
}
