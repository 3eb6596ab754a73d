/**
 * HTML of the sandbox's own interaction pages (login, consent, errors). No scripts; the one
 * stylesheet is allowed by its hash in the Content-Security-Policy. Everything echoed is escaped.
 */
import { createHash } from 'node:crypto';
import { SCOPE_DESCRIPTIONS } from './config.js';
import { escapeHtml } from './http.js';

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 2rem 1rem; }
main { max-width: 26rem; margin: 0 auto; padding: 1.5rem; border: 1px solid #8886; border-radius: 0.5rem; }
h1 { font-size: 1.4rem; margin-top: 0; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { display: block; width: 100%; box-sizing: border-box; padding: 0.5rem; font: inherit; }
button { margin-top: 1.25rem; padding: 0.5rem 1.25rem; font: inherit; cursor: pointer; }
.actions { display: flex; gap: 0.75rem; }
.actions form { margin: 0; }
.error { color: #b00020; font-weight: 600; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
.hint { font-size: 0.875rem; opacity: 0.8; }
code { font-size: 0.9em; }
`;

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The CSP of the sandbox pages. Form submissions redirect through the authorization endpoint to
 * the app's redirect URI, and browsers apply `form-action` to those redirects, so the app origins
 * are listed too.
 * @param {readonly string[]} appOrigins
 */
export function pageCsp(appOrigins) {
	return [
		"default-src 'none'",
		`style-src ${STYLE_HASH}`,
		`form-action 'self' ${appOrigins.join(' ')}`.trim(),
		"base-uri 'none'",
		"frame-ancestors 'none'"
	].join('; ');
}

/** @param {string} title @param {string} body */
function layout(title, body) {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} — Switchboard sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

/**
 * @param {{ uid: string, clientId: string, username?: string, failed?: boolean }} options
 */
export function loginPage({ uid, clientId, username = '', failed = false }) {
	const action = `/interaction/${encodeURIComponent(uid)}/login`;
	return layout(
		'Sign in',
		`<h1>Sign in</h1>
<p>The application <strong>${escapeHtml(clientId)}</strong> asks you to sign in to the sandbox provider.</p>
${failed ? '<p class="error" role="alert" id="login-error">Invalid username or password</p>' : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="off"${failed ? ' aria-describedby="login-error"' : ''}>
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${failed ? ' aria-invalid="true"' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${failed ? ' aria-invalid="true" autofocus' : ''}>
<button type="submit">Sign in</button>
</form>
<p class="hint">Test accounts: <code>alice</code> / <code>alice-password</code>, <code>bob</code> / <code>bob-password</code>.</p>`
	);
}

/**
 * @param {{ uid: string, clientId: string, accountName: string, scopes: string[] }} options
 */
export function consentPage({ uid, clientId, accountName, scopes }) {
	const base = `/interaction/${encodeURIComponent(uid)}`;
	const descriptions = /** @type {Record<string, string>} */ (SCOPE_DESCRIPTIONS);
	const items = scopes
		.map(
			(scope) =>
				`<li><code>${escapeHtml(scope)}</code>${descriptions[scope] ? ` — ${escapeHtml(descriptions[scope])}` : ''}</li>`
		)
		.join('\n');
	return layout(
		'Authorize access',
		`<h1>Authorize access</h1>
<p>Signed in as <strong>${escapeHtml(accountName)}</strong>.</p>
<p>The application <strong>${escapeHtml(clientId)}</strong> requests these permissions:</p>
<ul aria-label="Requested scopes">
${items || '<li>No scopes (basic access only)</li>'}
</ul>
<div class="actions">
<form method="post" action="${escapeHtml(`${base}/confirm`)}"><button type="submit">Allow</button></form>
<form method="post" action="${escapeHtml(`${base}/abort`)}"><button type="submit">Deny</button></form>
</div>`
	);
}

/** @param {string} title @param {string} message @param {Record<string, unknown>} [details] */
export function errorPage(title, message, details = {}) {
	const rows = Object.entries(details)
		.filter(([, value]) => value !== undefined && value !== null && value !== '')
		.map(([key, value]) => `<dt>${escapeHtml(key)}</dt><dd><code>${escapeHtml(value)}</code></dd>`)
		.join('\n');
	return layout(
		title,
		`<h1>${escapeHtml(title)}</h1>
<p role="alert">${escapeHtml(message)}</p>
${rows ? `<dl>${rows}</dl>` : ''}`
	);
}
