export { app, type Phase, type LockReason } from './app.svelte';
export { locale, t } from './locale.svelte';
export { pwa } from './pwa.svelte';
export { storage, type Persistence } from './storage.svelte';
