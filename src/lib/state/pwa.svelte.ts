/**
 * Service-worker registration (workbox-window) and the network state. A new version waits until
 * the user chooses to reload, so the app never changes under them mid-task.
 */
import { Workbox } from 'workbox-window';
import { worker } from '../worker';

class PwaState {
	#updateAvailable = $state(false);
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	#workbox: Workbox | null = null;

	get updateAvailable(): boolean {
		return this.#updateAvailable;
	}
	get online(): boolean {
		return this.#online;
	}

	register(): void {
		const changed = (online: boolean) => {
			this.#online = online;
			// A worker does not always hear network changes itself (emulated ones reach only pages).
			void worker().connections.networkChanged(online);
		};
		addEventListener('online', () => changed(true));
		addEventListener('offline', () => changed(false));
		if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
		const wb = new Workbox('/sw.js', { scope: '/' });
		wb.addEventListener('waiting', () => (this.#updateAvailable = true));
		this.#workbox = wb;
		wb.register().catch((error: unknown) =>
			console.error('service worker registration failed', error)
		);
	}

	/** Activates the waiting version and reloads once it controls the page. */
	applyUpdate(): void {
		const wb = this.#workbox;
		if (!wb) return;
		wb.addEventListener('controlling', () => location.reload());
		wb.messageSkipWaiting();
	}
}

export const pwa = new PwaState();
