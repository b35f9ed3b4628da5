/** A user's words as a literal inside a pattern (`$regex` or RegExp): "St. Mary (MN)" matches itself. */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
