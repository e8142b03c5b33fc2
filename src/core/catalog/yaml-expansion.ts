/**
 * YAML aliases let a 600-byte file stand for 10^30 values ("billion laughs"). js-yaml shares the
 * aliased object instead of copying it, so loading is quick, but everything after it (reference
 * resolution, the index, the cache) walks the tree as if expanded and spun for hours, deaf to
 * SIGTERM. Counting the expanded size over the shared graph is linear in the file, so a spec is
 * measured before anything walks it. Without aliases a value needs at least a character of text,
 * so the text length plus this many values is what honest reuse of anchors may add.
 */
export const MAX_ALIAS_EXPANSION = 2_000_000;

/** What measuring found: the expanded value count, or why it stopped. */
export type Expansion =
  { kind: 'ok'; values: number } | { kind: 'too-large'; limit: number } | { kind: 'cycle' };

interface Frame {
  node: object;
  children: unknown[];
  next: number;
  total: number;
}

/**
 * How many values the document holds once every alias is expanded, counting each shared object
 * once per place it appears but visiting it only once. Stops at `limit`, and at an alias that
 * contains itself (`&a [*a]`), which no tree can hold and which made keyhole loop forever.
 */
export function measureExpansion(root: unknown, limit: number): Expansion {
  if (typeof root !== 'object' || root === null) return { kind: 'ok', values: 1 };
  const sizes = new Map<object, number>();
  const open = new Set<object>([root]);
  const stack: Frame[] = [frame(root)];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    if (top.next < top.children.length) {
      const child = top.children[top.next++];
      if (typeof child !== 'object' || child === null) {
        top.total += 1;
      } else if (sizes.has(child)) {
        top.total += sizes.get(child) as number;
      } else if (open.has(child)) {
        return { kind: 'cycle' };
      } else {
        open.add(child);
        stack.push(frame(child));
        continue;
      }
      if (top.total > limit) return { kind: 'too-large', limit };
      continue;
    }
    stack.pop();
    open.delete(top.node);
    const size = top.total + 1;
    sizes.set(top.node, size);
    const parent = stack[stack.length - 1];
    if (parent === undefined) return { kind: 'ok', values: size };
    parent.total += size;
    if (parent.total > limit) return { kind: 'too-large', limit };
  }
}

function frame(node: object): Frame {
  return { node, children: Object.values(node), next: 0, total: 0 };
}
