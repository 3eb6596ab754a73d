/** Random identifiers and fractions from the platform's CSPRNG (never Math.random). */
export function randomId(): string {
	return crypto.randomUUID();
}

/** A value in [0, 1). */
export function randomFraction(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;
}
