export { app, type Phase, type LockReason } from './app.svelte';
export { locale, t, tCount } from './locale.svelte';
export { pwa } from './pwa.svelte';
export { storage, type Persistence } from './storage.svelte';
export { catalog } from './catalog.svelte';
export { folders, MY_WORKSPACE_ID } from './folders.svelte';
export { connections } from './connections.svelte';
