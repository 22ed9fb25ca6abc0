/**
 * The cycles of a graph where each node points to at most one other (a person to their leader, a
 * unit to its parent). Each cycle is listed once, starting at its smallest id, in pointing order; a
 * node pointing to itself is a cycle of one.
 */
export function findCycles(nodes: Iterable<string>, next: (id: string) => string | null | undefined): string[][] {
  const state = new Map<string, 'walking' | 'done'>();
  const cycles: string[][] = [];
  for (const start of nodes) {
    const path: string[] = [];
    let current: string | null | undefined = start;
    while (current && !state.has(current)) {
      state.set(current, 'walking');
      path.push(current);
      current = next(current);
    }
    if (current && state.get(current) === 'walking') cycles.push(rotateToSmallest(path.slice(path.indexOf(current))));
    for (const id of path) state.set(id, 'done');
  }
  return cycles;
}

function rotateToSmallest(cycle: string[]): string[] {
  const smallest = cycle.reduce((min, id, i) => (id < cycle[min]! ? i : min), 0);
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
}
