// The architecture's boundaries as lint rules (docs/architecture.md, "Boundaries"). Each rule
// names the boundary it guards, so a failing import says why it is refused.
//
// ESLint's flat config does not merge the options of one rule across config objects: the last
// object that matches a file wins. So this module builds one `no-restricted-imports` entry for
// every (package, side, production or test) combination, with all the restrictions that apply.

/** The feature extensions; platform is the kernel they all build on. */
export const FEATURES = ['connections', 'workflow', 'jobs', 'closeout', 'output', 'notifications'];
const EXTENSIONS = ['platform', ...FEATURES];

/** Files that are tests or serve tests: specs, test helper folders, the system tests and benchmarks. */
export const TEST_FILES = ['**/*.spec.ts', '**/*.spec.tsx', '**/test/**', '**/test-support/**', 'test/**'];

const SIDES = {
    // Theia's runtime split: common code runs on both sides, so it may import neither.
    common: {
        forbidden: ['node', 'browser'],
        message: 'common/ runs in the browser and in Node: it may import neither node/ nor browser/ code.'
    },
    browser: {
        forbidden: ['node'],
        message: 'browser/ code runs in the browser: it may not import node/ code (share it through common/).'
    },
    node: {
        forbidden: ['browser'],
        message: 'node/ code runs in the backend: it may not import browser/ code (share it through common/).'
    }
};

/** A relative path, a package's lib/ folder or Theia's, that enters one of the given side folders. */
function sidePattern(forbidden, message) {
    return { regex: `^(\\.{1,2}/(.*/)?|@[a-z-]+/[a-z-]+/(lib|src)/(.*/)?)(${forbidden.join('|')})(/|$)`, message };
}

const NODE_BUILTINS = {
    regex: '^node:',
    message: 'Node built-ins exist only in the backend: use them under node/ (common/ and browser/ also run in the browser).'
};

/** Packages reach each other by name, never by a relative path out of their own folder. */
const OUT_OF_PACKAGE = {
    regex: '^(\\.\\./){3,}(extensions|host|test|platform|connections|workflow|jobs|closeout|output|notifications|marcomcentral-simulator|browser-app|demo-store)/',
    message: 'Import another package by its name (@presswork/…), never by a relative path out of this package.'
};

function featureImports(extension) {
    const others = extension === 'platform' ? FEATURES : FEATURES.filter(feature => feature !== extension);
    const why = extension === 'platform'
        ? 'platform is the kernel: it may not import a feature extension; define a contribution point in platform instead.'
        : 'a feature extension may not import another feature: go through @presswork/platform (a contribution point, its registry or a shared type).';
    return { regex: `^@presswork/(${others.join('|')})(/|$)`, message: `Feature boundary: ${why}` };
}

const SIMULATOR_AT_RUN_TIME = {
    regex: '^@presswork/marcomcentral-simulator(/|$)',
    message: 'The MarcomCentral simulator is a test and demo tool: only tests and the host (host/demo-store) may import it.'
};

function restrictions(extension, side, production) {
    const patterns = [OUT_OF_PACKAGE, sidePattern(SIDES[side].forbidden, SIDES[side].message)];
    if (side !== 'node' && production) {
        patterns.push(NODE_BUILTINS);
    }
    if (production) {
        // Tests may compose two features, the way the host does (declared as devDependencies).
        patterns.push(featureImports(extension), SIMULATOR_AT_RUN_TIME);
    }
    return ['error', { patterns }];
}

/** Config objects: the import boundaries of every extension side, for production code and for tests. */
export function importBoundaries() {
    const configs = [];
    for (const extension of EXTENSIONS) {
        for (const side of Object.keys(SIDES)) {
            const folder = `extensions/${extension}/src/${side}/**/*.{ts,tsx}`;
            configs.push({ files: [folder], ignores: TEST_FILES, rules: { 'no-restricted-imports': restrictions(extension, side, true) } });
            configs.push({ files: TEST_FILES.map(tests => [folder, tests]), rules: { 'no-restricted-imports': restrictions(extension, side, false) } });
        }
    }
    configs.push({
        // Built from the MarcomCentral contract, never from Presswork's client: it proves the client.
        files: ['host/marcomcentral-simulator/src/**/*.ts'],
        rules: { 'no-restricted-imports': ['error', { patterns: [OUT_OF_PACKAGE, { regex: '^@presswork/', message: 'The simulator speaks the MarcomCentral contract and imports nothing of Presswork.' }] }] }
    });
    return configs;
}
