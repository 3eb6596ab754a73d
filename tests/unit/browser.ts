/**
 * A minimal browser for driving the sandbox's login and consent pages from unit tests: a cookie
 * jar for one origin, redirects followed by hand (stopping at the app's redirect URI), form posts.
 */
export class Browser {
	cookies = new Map<string, string>();

	/** `redirectUris`: where following stops (the app would take over there). */
	constructor(private readonly redirectUris: string[]) {}

	async request(url: string, init: RequestInit = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size)
			headers.set('Cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		const res = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const line of res.headers.getSetCookie()) {
			const [pair = '', ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()));
			if (!value || expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return res;
	}

	/** Follows redirects until a page answers or the app's redirect URI is reached. */
	async follow(url: string, init?: RequestInit): Promise<{ url: string; res?: Response }> {
		let current = url;
		let res = await this.request(current, init);
		for (let hops = 0; hops < 10; hops++) {
			if (res.status < 300 || res.status >= 400) return { url: current, res };
			const location = res.headers.get('Location');
			if (!location) throw new Error(`redirect without Location from ${current}`);
			current = new URL(location, current).href;
			if (this.redirectUris.some((uri) => current.startsWith(uri))) return { url: current };
			res = await this.request(current);
		}
		throw new Error('too many redirects');
	}

	async submit(pageUrl: string, html: string, button: string, fields: Record<string, string> = {}) {
		// Every form on the sandbox pages has exactly one submit button; find the form holding it.
		const forms = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
		const form = forms.find((f) => f[2]!.includes(`>${button}</button>`));
		if (!form) throw new Error(`no form with button ${button}`);
		const action = new URL(form[1]!.replace(/&amp;/g, '&'), pageUrl).href;
		return this.follow(action, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields).toString()
		});
	}
}

/**
 * What the popup does: follows the authorization URL, signs in, answers the consent page and
 * stops at the redirect URI. Returns the callback URL the app would receive.
 */
export async function signIn(
	url: URL | string,
	browser: Browser,
	options: { username?: string; password?: string; consent?: 'Allow' | 'Deny' } = {}
): Promise<URL> {
	const { username = 'alice', password = 'alice-password', consent = 'Allow' } = options;
	let step = await browser.follow(String(url));
	for (let i = 0; i < 4 && step.res; i++) {
		const html = await step.res.text();
		if (html.includes('>Sign in</button>'))
			step = await browser.submit(step.url, html, 'Sign in', { username, password });
		else if (html.includes('>Allow</button>')) step = await browser.submit(step.url, html, consent);
		else throw new Error(`unexpected page (${step.res.status}): ${html.slice(0, 200)}`);
	}
	if (step.res) throw new Error('the flow did not reach the redirect URI');
	return new URL(step.url);
}
