/**
 * Freezes the intrinsics a prototype-pollution attack writes to, before any other module of the
 * worker runs (worker.ts imports this first). Error.prototype stays writable: freezing it would
 * make `this.name = …` in every Error subclass throw (the "override mistake").
 */
const intrinsics: object[] = [
	Object,
	Object.prototype,
	Function,
	Function.prototype,
	Array,
	Array.prototype,
	String.prototype,
	Number.prototype,
	Boolean.prototype,
	Symbol.prototype,
	RegExp.prototype,
	Promise,
	Promise.prototype,
	Map.prototype,
	Set.prototype,
	WeakMap.prototype,
	WeakSet.prototype,
	JSON,
	Reflect
];
for (const intrinsic of intrinsics) Object.freeze(intrinsic);
