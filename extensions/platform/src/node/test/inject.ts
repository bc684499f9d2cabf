/** Property-injection metadata inversify keeps on each class (the `@inject` fields). */
const INJECTED_PROPERTIES = 'inversify:tagged_props';

/**
 * What a test may assign: public fields with their own types; protected ones (which TypeScript's
 * `keyof` cannot see) by name, checked when `inject` runs.
 */
export type InjectedFields<T> = { [K in keyof T]?: T[K] } & Record<string, unknown>;

/**
 * Assigns an injectable's fields, as the container would. A name that is neither an `@inject`
 * field of the class (or a base class) nor an existing property fails, so a renamed field cannot
 * leave a test assigning something the class no longer reads.
 */
export function inject<T extends object>(instance: T, fields: InjectedFields<T>): T {
    const known = injectedFieldsOf(instance);
    for (const name of Object.keys(fields)) {
        if (!known.has(name) && !(name in instance)) {
            throw new Error(`${instance.constructor.name} has no injected field '${name}'`);
        }
    }
    return Object.assign(instance, fields);
}

function injectedFieldsOf(instance: object): Set<string> {
    const names = new Set<string>();
    for (let type = instance.constructor; type && type !== Object; type = Object.getPrototypeOf(type)) {
        const metadata: Record<string, unknown> | undefined = Reflect.getOwnMetadata?.(INJECTED_PROPERTIES, type);
        Object.keys(metadata ?? {}).forEach(name => names.add(name));
    }
    return names;
}
