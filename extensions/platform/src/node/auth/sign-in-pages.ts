import escapeHtml = require('escape-html');

/** Server-rendered pages shown before the Theia shell: no script, so nothing to inject into. */

export interface SignInPageOptions {
    readonly message?: string;
    readonly userName?: string;
    readonly next?: string;
}

export function signInPage(options: SignInPageOptions = {}): string {
    const next = options.next ? `<input type="hidden" name="next" value="${escapeHtml(options.next)}">` : '';
    return page('Sign in', `
        <form method="post" action="/login" class="card">
            <h1><img src="/login/assets/presswork.svg" alt="" width="32" height="32"> Presswork</h1>
            ${alert(options.message)}
            <label for="name">User name</label>
            <input id="name" name="name" autocomplete="username" required maxlength="64" autofocus value="${escapeHtml(options.userName ?? '')}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
            ${next}
            <button type="submit">Sign in</button>
        </form>`);
}

export function changePasswordPage(userName: string, message?: string): string {
    return page('Change password', `
        <form method="post" action="/login/password" class="card">
            <h1><img src="/login/assets/presswork.svg" alt="" width="32" height="32"> Presswork</h1>
            <p>${escapeHtml(userName)}, choose a new password before you go on.</p>
            <p class="hint">8 to 32 bytes; not ' &lt; = &gt; \` | ~ or invisible characters.</p>
            ${alert(message)}
            <label for="current">Current password</label>
            <input id="current" name="current" type="password" autocomplete="current-password" required maxlength="256" autofocus>
            <label for="password">New password</label>
            <input id="password" name="password" type="password" autocomplete="new-password" required maxlength="256">
            <label for="confirm">Confirm new password</label>
            <input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="256">
            <button type="submit">Change password</button>
        </form>`);
}

function alert(message: string | undefined): string {
    return message ? `<p class="alert" role="alert">${escapeHtml(message)}</p>` : '';
}

function page(title: string, body: string): string {
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Presswork</title>
<link rel="icon" href="/login/assets/presswork.svg">
<link rel="stylesheet" href="/login/assets/sign-in.css">
</head>
<body>${body}
</body>
</html>`;
}
