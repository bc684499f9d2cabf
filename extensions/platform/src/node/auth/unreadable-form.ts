import type * as express from '@theia/core/shared/express';

/** What a refused form body gets: a status and a message for the person who sent it. */
export type UnreadableFormAnswer = (response: express.Response, status: number, message: string) => void;

interface BodyParserError {
    readonly type?: string;
    readonly status?: number;
}

const MESSAGES: Readonly<Record<string, string>> = {
    'entity.too.large': 'The form is larger than this page accepts',
    'parameters.too.many': 'The form has more fields than this page accepts',
    'charset.unsupported': 'The form uses a character set this page does not read',
    'encoding.unsupported': 'The form uses an encoding this page does not read',
    'request.aborted': 'The form was not sent completely',
    'request.size.invalid': 'The form was not sent completely'
};

/**
 * Refuses a form whose declared length is over the limit before anything of it is read, and
 * closes the connection. (The body parser, left alone, reads and discards the whole body before
 * it reports it too large: 100 MB are read to say no.)
 */
export function refuseOversizedForms(limitBytes: number, answer: UnreadableFormAnswer): express.RequestHandler {
    return (request, response, next) => {
        const declared = Number(request.headers['content-length']);
        if (Number.isFinite(declared) && declared > limitBytes) {
            response.setHeader('Connection', 'close');
            answer(response, 413, MESSAGES['entity.too.large']);
            return;
        }
        next();
    };
}

/**
 * An express error handler for the sign-in forms' body parser: a body that is too large, in an
 * unknown character set or cut short gets a clear refusal through `answer`, instead of express's
 * default error page (which shows a stack trace with the server's paths).
 */
export function refuseUnreadableForms(answer: UnreadableFormAnswer): express.ErrorRequestHandler {
    return (error: unknown, _request, response, next) => {
        const type = typeof error === 'object' && error !== null ? (error as BodyParserError).type : undefined;
        const message = type === undefined ? undefined : MESSAGES[type];
        if (message === undefined || response.headersSent) {
            next(error);
            return;
        }
        const status = (error as BodyParserError).status ?? 400;
        if (status === 413) {
            response.setHeader('Connection', 'close');
        }
        answer(response, status, message);
    };
}
