// A browser-only app: every page is prerendered as an empty shell and rendered in the browser.
export const ssr = false;
export const prerender = true;
