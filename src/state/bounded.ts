/** Drops the oldest entries (insertion order) of a map or set past `max`: state an attacker can grow stays bounded. */
export function dropOldest(collection: Map<unknown, unknown> | Set<unknown>, max: number): void {
  while (collection.size > max) collection.delete(collection.keys().next().value);
}
