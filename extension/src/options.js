// The options page: paired apps with their hosts (Remove, Unpair), and the origins of
// self-hosted copies, which get host access and the relay content script.
import { getUserOrigins, relayScriptId, releaseHosts, setUserOrigins } from './lib/browser.js';
import { t, localize } from './lib/i18n.js';
import { removeHost } from './lib/grants.js';
import { deletePairing, listPairings, updateHosts } from './lib/store.js';
import { checkUserOrigin, hostPattern } from './lib/url-rules.js';

localize();
const BUILT_IN = /^(https:\/\/switchboard\.app|http:\/\/(localhost|127\.0\.0\.1)(:[0-9]+)?)$/;
const originStatus = /** @type {HTMLElement} */ (document.getElementById('origin-status'));
/** The user-added origins as last shown, so the submit handler can check without awaiting. */
let shownOrigins = /** @type {string[]} */ ([]);

/**
 * @param {string} text
 * @param {string} label the accessible name
 * @param {() => Promise<unknown>} action
 */
function button(text, label, action) {
	const element = document.createElement('button');
	element.type = 'button';
	element.textContent = text;
	element.setAttribute('aria-label', label);
	element.addEventListener('click', async () => {
		element.disabled = true;
		await action();
		await render();
	});
	return element;
}

async function renderPairings() {
	const pairings = await listPairings();
	const container = /** @type {HTMLElement} */ (document.getElementById('pairings'));
	/** @type {HTMLElement} */ (document.getElementById('paired-none')).hidden = pairings.length > 0;
	container.replaceChildren(
		...pairings.map((pairing) => {
			const card = document.createElement('article');
			card.className = 'card';
			const heading = document.createElement('h3');
			heading.textContent = pairing.origin;
			const pairedAt = document.createElement('p');
			pairedAt.className = 'muted';
			pairedAt.textContent = t('pairedAt', [new Date(pairing.pairedAt).toLocaleString()]);
			const hostsHeading = document.createElement('h4');
			hostsHeading.textContent = t('hostsHeading');
			const hosts = document.createElement('ul');
			hosts.setAttribute('aria-label', t('hostsHeading'));
			for (const grant of pairing.hosts) {
				const item = document.createElement('li');
				const name = document.createElement('span');
				name.className = 'value';
				name.textContent = grant.host;
				item.append(
					name,
					button(t('remove'), t('removeLabel', [grant.host]), async () => {
						await updateHosts(pairing.pairingId, (list) => removeHost(list, grant.host));
						await releaseHosts([grant.host]);
					})
				);
				hosts.append(item);
			}
			const none = document.createElement('p');
			none.className = 'muted';
			none.textContent = t('hostsNone');
			const actions = document.createElement('div');
			actions.className = 'actions';
			actions.append(
				button(t('unpair'), t('unpairLabel', [pairing.origin]), async () => {
					await deletePairing(pairing.pairingId);
					await releaseHosts(pairing.hosts.map((grant) => grant.host));
				})
			);
			card.append(heading, pairedAt, hostsHeading, pairing.hosts.length ? hosts : none, actions);
			return card;
		})
	);
}

async function renderOrigins() {
	const origins = await getUserOrigins();
	shownOrigins = origins;
	/** @type {HTMLElement} */ (document.getElementById('origins-none')).hidden = origins.length > 0;
	/** @type {HTMLElement} */ (document.getElementById('origins')).replaceChildren(
		...origins.map((origin) => {
			const item = document.createElement('li');
			const name = document.createElement('span');
			name.className = 'value';
			name.textContent = origin;
			item.append(
				name,
				button(t('remove'), t('removeLabel', [origin]), () => removeOrigin(origin))
			);
			return item;
		})
	);
}

async function render() {
	await Promise.all([renderPairings(), renderOrigins()]);
}

/** Undoes addOrigin: the relay registration, the host access (unless a grant needs it), the entry. */
async function removeOrigin(/** @type {string} */ origin) {
	await chrome.scripting
		.unregisterContentScripts({ ids: [relayScriptId(origin)] })
		.catch(() => undefined);
	await setUserOrigins((await getUserOrigins()).filter((known) => known !== origin));
	const pattern = `${origin}/*`;
	const granted = (await listPairings()).some((pairing) =>
		pairing.hosts.some((grant) => hostPattern(grant.host) === pattern)
	);
	if (!granted) await chrome.permissions.remove({ origins: [pattern] }).catch(() => false);
}

document.getElementById('add-origin')?.addEventListener('submit', async (event) => {
	event.preventDefault();
	const input = /** @type {HTMLInputElement} */ (document.getElementById('origin'));
	const origin = checkUserOrigin(input.value);
	if (!origin) return void (originStatus.textContent = t('originInvalid'));
	if (BUILT_IN.test(origin)) return void (originStatus.textContent = t('originBuiltIn'));
	if (shownOrigins.includes(origin)) return void (originStatus.textContent = t('originExists'));
	// Asked before anything is awaited, while the submit still counts as a user gesture.
	const allowed = await chrome.permissions.request({ origins: [`${origin}/*`] }).catch(() => false);
	if (!allowed) return void (originStatus.textContent = t('originRefused'));
	await chrome.scripting.registerContentScripts([
		{
			id: relayScriptId(origin),
			matches: [`${origin}/*`],
			js: ['relay.js'],
			runAt: 'document_start',
			persistAcrossSessions: true
		}
	]);
	await setUserOrigins([...(await getUserOrigins()), origin]);
	input.value = '';
	originStatus.textContent = t('originAdded');
	await renderOrigins();
});

await render();
