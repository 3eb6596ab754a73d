// One page per connection id: served by the SPA fallback rather than prerendered.
export const prerender = false;
