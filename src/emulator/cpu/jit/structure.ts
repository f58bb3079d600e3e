// Control structure of a region (region.ts): which of its blocks form loops, and how a loop's
// body is laid out as JavaScript without a `switch` (the way v86 finds loops: strongly
// connected components of the block graph, then again inside each loop with the edges back
// to its header left out).
//
// A loop (a strongly connected component with more than one block, or a block jumping to
// itself) becomes `L<h>: for (;;) { ... }` around the code of its header h; a jump back to h
// is `continue L<h>`. The rest of the loop body, with the edges into h removed, is a graph
// whose components (blocks, or inner loops laid out the same way) are put in topological
// order c0 = {h}, c1, ..., ck and nested as
//   B_k: { ... B_2: { B_1: { c0 } c1 } c2 ... } ck
// so a jump forward to component j is `break B_j` (the code after B_j's block is cj's).
// Any other jump (into the middle of an irregular loop, out of the loop) goes through the
// region's `switch`, which holds every block on its own as well.

/** Strongly connected components of the nodes `of` under `succ`, sources first. */
export function components(of: readonly number[], succ: (n: number) => readonly number[]): number[][] {
  const inSet = new Set(of);
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const out: number[][] = [];
  let counter = 0;
  const visit = (v: number): void => {
    order.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of succ(v)) {
      if (!inSet.has(w)) continue;
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
    }
    if (low.get(v) === order.get(v)) {
      const c: number[] = [];
      let w: number;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      out.push(c.sort((a, b) => a - b));
    }
  };
  for (const v of of) if (!order.has(v)) visit(v);
  // Tarjan's algorithm finishes a component after every component it reaches.
  return out.reverse();
}

/** Whether the component is a loop: several nodes, or one with an edge to itself. */
export function isLoop(c: readonly number[], succ: (n: number) => readonly number[]): boolean {
  return c.length > 1 || succ(c[0]).includes(c[0]);
}

/**
 * The header to lay a loop out from: the member whose back edges, once removed, leave the
 * fewest members in inner loops (so a block jumping to itself becomes the innermost JavaScript
 * loop, not the outermost); the earliest on a tie.
 */
export function chooseHeader(members: readonly number[], succ: (n: number) => readonly number[]): number {
  let best = members[0];
  let bestInner = Infinity;
  for (const h of members) {
    const inner = (n: number) => succ(n).filter((t) => t !== h);
    let count = 0;
    for (const c of components(members, inner)) if (isLoop(c, inner)) count += c.length;
    if (count < bestInner) {
      bestInner = count;
      best = h;
    }
  }
  return best;
}

/** One loop being laid out, and the forward labels of its body's components. */
export interface Level {
  header: number;
  /** Entry node of each later component -> its index and label. */
  entries: Map<number, { index: number; label: string }>;
  /** The component whose code is being written. */
  current: number;
}

/** How a jump to `target` is written from inside `levels` (innermost last), or null for the switch. */
export function structuredJump(levels: readonly Level[], target: number): { code: string; forward: boolean } | null {
  for (let i = levels.length - 1; i >= 0; i--) {
    const lv = levels[i];
    if (lv.header === target) return { code: `continue L${target};`, forward: false };
    const e = lv.entries.get(target);
    if (e !== undefined && e.index > lv.current) return { code: `break ${e.label};`, forward: true };
  }
  return null;
}

/**
 * Lays out the loop `members` (a strongly connected component) with header `header`.
 * `code(node, levels)` writes a block's code (its jumps through structuredJump over `levels`);
 * `check(header)` the statement at the top of each iteration. Every loop header met is
 * reported to `headers`.
 */
export function layoutLoop(
  members: readonly number[],
  header: number,
  succ: (n: number) => readonly number[],
  levels: Level[],
  code: (node: number, levels: Level[]) => string,
  check: (header: number) => string,
  headers: Set<number>,
  labels: { next: number },
): string {
  headers.add(header);
  const inner = (n: number) => succ(n).filter((t) => t !== header);
  const comps = components(members, inner);
  const level: Level = { header, entries: new Map(), current: 0 };
  const entryOf: number[] = [];
  const memberSet = new Set(members);
  comps.forEach((c, i) => {
    let entry = c[0];
    if (i === 0) entry = header;
    else {
      // The node of c entered from an earlier component (the first one, when there are several:
      // the others are reached through the switch).
      const cs = new Set(c);
      const from = members.filter((m) => !cs.has(m));
      const entered = c.find((n) => from.some((f) => memberSet.has(f) && inner(f).includes(n)));
      if (entered !== undefined) entry = entered;
      level.entries.set(entry, { index: i, label: `B${labels.next++}` });
    }
    entryOf.push(entry);
  });
  levels.push(level);
  let body = '';
  comps.forEach((c, i) => {
    level.current = i;
    let part: string;
    if (i === 0) part = code(header, levels);
    else if (isLoop(c, inner)) part = layoutLoop(c, entryOf[i], inner, levels, code, check, headers, labels);
    else part = code(c[0], levels);
    body = i === 0 ? part : `${level.entries.get(entryOf[i])!.label}: {\n${body}\n}\n${part}`;
  });
  levels.pop();
  return `L${header}: for (;;) {\n${check(header)}\n${body}\n}`;
}
