// Every UI string of the browser code goes through one mechanism: nls.localize('presswork/<feature>/<key>',
// 'Default text', ...args) from @theia/core/lib/common/nls (or Command.toLocalizedCommand for a command's
// label). These `no-restricted-syntax` selectors refuse the plain English literals that would bypass it:
// JSX text, and literal strings given as a label, title, placeholder or aria-label (as a JSX prop, an
// object property or an assignment) or to the message service. A literal inside nls.localize(…) or
// Command.toLocalizedCommand(…) is the default text and is allowed.

/** Literal text with a letter in it: what a person reads. Ids, CSS classes, '—' and '·' have none or are not matched here. */
const WORDS = '/[A-Za-z]/';
/** Props and properties that name, caption or explain something on screen. */
const TEXT_PROPS = '/^(label|title|placeholder|aria-label|alt|caption|acceptLabel|msg|ok|help|empty)$/';
/**
 * Literals that pass although they have letters: example values that read the same in every
 * language. Add one here, with the reason, rather than disabling the rule in the file.
 */
export const EXCEPTIONS = [
    // output/…/printer-form.ts: the placeholders of the hot folder, host and IPP URI fields are example values.
    '/srv/dfe/input',
    'printer.example.com',
    'ipps://printer.example.com/ipp/print',
    // output/…/catalog-forms.ts: a PWG media size name, the same in every language.
    'na_letter_8.5x11in'
];

/** A literal that is the default text of a localization call, or one of the exceptions. */
const LOCALIZED = ":not(CallExpression[callee.object.name='nls'] *):not(CallExpression[callee.property.name='toLocalizedCommand'] *)"
    + EXCEPTIONS.map(text => `:not([value=${JSON.stringify(text)}])`).join('');

const message = 'UI text goes through nls.localize(\'presswork/<feature>/<key>\', \'Default text\', ...args) (configs/eslint/localization.mjs).';

export const LOCALIZATION_SELECTORS = [
    { selector: `JSXText[value=${WORDS}]`, message },
    { selector: `JSXAttribute[name.name=${TEXT_PROPS}] > Literal[value=${WORDS}]${LOCALIZED}`, message },
    { selector: `JSXAttribute[name.name=${TEXT_PROPS}] > JSXExpressionContainer Literal[value=${WORDS}]${LOCALIZED}`, message },
    { selector: `JSXAttribute[name.name=${TEXT_PROPS}] > JSXExpressionContainer TemplateElement[value.raw=${WORDS}]${LOCALIZED}`, message },
    { selector: `Property[key.name=${TEXT_PROPS}] > Literal[value=${WORDS}]${LOCALIZED}`, message },
    { selector: `Property[key.name=${TEXT_PROPS}] > TemplateLiteral > TemplateElement[value.raw=${WORDS}]${LOCALIZED}`, message },
    { selector: `AssignmentExpression[left.property.name=/^(label|caption|textContent|title)$/] > Literal[value=${WORDS}]`, message },
    { selector: `AssignmentExpression[left.property.name=/^(label|caption|textContent|title)$/] > TemplateLiteral > TemplateElement[value.raw=${WORDS}]`, message },
    { selector: `CallExpression[callee.object.property.name=/^(messages|messageService)$/][callee.property.name=/^(info|warn|error)$/] > Literal[value=${WORDS}]`, message },
    { selector: `CallExpression[callee.object.property.name=/^(messages|messageService)$/][callee.property.name=/^(info|warn|error)$/] > TemplateLiteral > TemplateElement[value.raw=${WORDS}]`, message }
];

/**
 * The browser code held to it: all of closeout's and workflow's, and the files of the other
 * extensions that are localized already. The rest of platform, connections and jobs still has
 * plain literals (form fields, dialogs, job actions); add each file here once it is localized,
 * and the folder once all of it is.
 */
export const LOCALIZED_FILES = [
    'extensions/closeout/src/browser/**/*.{ts,tsx}',
    'extensions/workflow/src/browser/**/*.{ts,tsx}',
    'extensions/output/src/browser/**/*.{ts,tsx}',
    'extensions/notifications/src/browser/**/*.{ts,tsx}',
    'extensions/jobs/src/browser/actions/job-action-catalog.ts',
    'extensions/jobs/src/browser/actions/print-file-*.{ts,tsx}',
    'extensions/jobs/src/browser/pod/all-jobs-table.tsx',
    'extensions/jobs/src/browser/pod/all-jobs-toolbar.tsx',
    'extensions/jobs/src/browser/pod/all-jobs-widget.tsx',
    'extensions/jobs/src/browser/pod/job-action-commands.ts',
    'extensions/jobs/src/browser/pod/job-columns.ts',
    'extensions/jobs/src/browser/pod/look-alikes-note.tsx',
    'extensions/jobs/src/browser/pod/operations-status-bar.ts',
    'extensions/jobs/src/browser/pod/order-panel-widget.tsx',
    'extensions/jobs/src/browser/pod/saved-views-menu.ts',
    'extensions/platform/src/browser/account/account-commands.ts',
    'extensions/platform/src/browser/store-problems/store-problems-widget.tsx',
    'extensions/platform/src/browser/store-text.tsx',
    'extensions/platform/src/browser/users/api-token-dialog.tsx'
];
