// One page per connector id: served by the SPA fallback rather than prerendered.
export const prerender = false;
