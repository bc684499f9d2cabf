/** Hands the browser a text file to save, e.g. an export. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileName;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Asks the user for a text file and returns its content, or undefined when none was chosen. */
export function pickTextFile(accept: string): Promise<string | undefined> {
    return new Promise(resolve => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = accept;
        input.addEventListener('change', () => {
            const file = input.files?.[0];
            resolve(file ? file.text() : undefined);
        });
        input.addEventListener('cancel', () => resolve(undefined));
        input.click();
    });
}
