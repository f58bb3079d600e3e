// Multisection bin output (NASM manual 8.1.3, "Multisection support for the bin format"):
// the section attributes start=, vstart=, follows=, vfollows=, align=, valign=, progbits and
// nobits, and the layout NASM derives from them once assembly is done: progbits sections are
// ordered (follows= chains first, then by start address), given load addresses from the
// origin, and every section gets the virtual start its labels count from; nobits sections
// come after the last progbits one. Each step reproduces NASM 2.16's bin writer, including
// where it breaks ties, so that the same source gives the same image.

import type { SourceLocation } from './diagnostics';

/** What `section NAME attr...` said about a section in this pass (NASM resets it per pass). */
export interface BinAttributes {
  start?: number;
  vstart?: number;
  /** align= or an `align`/`sectalign` in the section (NASM's ALIGN_DEFINED). */
  alignDefined: boolean;
  valignDefined: boolean;
  /** NASM keeps these values across passes; only the "defined" flags are reset. */
  align: number;
  valign: number;
  follows?: string;
  vfollows?: string;
  typeDefined: boolean;
  /** The section created just before this one (.bss: none, it follows the last progbits). */
  prev: number | undefined;
  /** Where the attributes were last given, for the layout's errors. */
  at?: SourceLocation;
}

export function newBinAttributes(name: string, prev: number | undefined): BinAttributes {
  const typeDefined = name === '.text' || name === '.data' || name === '.bss';
  return {
    alignDefined: false,
    valignDefined: false,
    align: 0,
    valign: 0,
    typeDefined,
    prev: name === '.bss' ? undefined : prev,
  };
}

/** Reset at the start of each pass, as NASM's bin writer does. */
export function resetBinAttributes(a: BinAttributes): void {
  a.start = undefined;
  a.vstart = undefined;
  a.alignDefined = false;
  a.valignDefined = false;
}

export interface LayoutSection {
  name: string;
  index: number;
  nobits: boolean;
  size: number;
  bin: BinAttributes;
  /** Results: load address and virtual start. */
  start: number;
  base: number;
}

/** What the map file shows of a section's placement ([map], binmap.ts): undefined = not defined. */
export interface BinSectionDetail {
  index: number;
  align?: number;
  valign?: number;
  follows?: string;
  vfollows?: string;
}

export interface LayoutError {
  at: SourceLocation | undefined;
  message: string;
}

interface Node {
  s: LayoutSection;
  next: Node | undefined;
  startDefined: boolean;
  start: number;
  alignDefined: boolean;
  align: number;
  vstartDefined: boolean;
  vstart: number;
  valignDefined: boolean;
  valign: number;
  follows: string | undefined;
  vfollows: string | undefined;
}

const alignUp = (n: number, a: number): number => Math.ceil(n / a) * a;

/**
 * Lays the sections out; `origin` is the `org` value (undefined without one). Returns the
 * origin the image starts at and the progbits sections in image order (indexes), or the
 * first error (the layout is then unusable).
 */
export function layoutBin(
  sections: LayoutSection[],
  origin: number | undefined,
):
  | { origin: number; order: number[]; details: BinSectionDetail[]; error?: undefined }
  | { error: LayoutError; origin?: undefined } {
  const fail = (s: LayoutSection | undefined, message: string) => ({ error: { at: s?.bin.at, message } });
  const nodes = sections.map((s): Node => ({
    s,
    next: undefined,
    startDefined: s.bin.start !== undefined,
    start: s.bin.start ?? 0,
    alignDefined: s.bin.alignDefined,
    align: s.bin.align,
    vstartDefined: s.bin.vstart !== undefined,
    vstart: s.bin.vstart ?? 0,
    valignDefined: s.bin.valignDefined,
    valign: s.bin.valign,
    follows: s.bin.follows,
    vfollows: s.bin.vfollows,
  }));
  // Step 1: progbits sections keep their creation order (.text first); nobits sections go
  // to a list of their own, with real and virtual attributes meaning the same thing.
  const progbits: Node[] = [];
  const nobits: Node[] = [];
  for (const n of nodes) {
    if (!n.s.nobits || n === nodes[0]) {
      progbits.push(n);
      continue;
    }
    if (n.startDefined || n.alignDefined || n.follows !== undefined) {
      if (n.vstartDefined || n.valignDefined || n.vfollows !== undefined)
        return fail(n.s, `cannot mix real and virtual attributes in nobits section (${n.s.name})`);
      if (n.startDefined) {
        n.vstart = n.start;
        n.vstartDefined = true;
      }
      if (n.alignDefined) {
        n.valign = n.align;
        n.valignDefined = true;
      }
      if (n.follows !== undefined) {
        n.vfollows = n.follows;
        n.follows = undefined;
      }
    }
    if (n.vstartDefined) {
      n.start = n.vstart;
      n.startDefined = true;
    }
    nobits.push(n);
  }
  const head: Node = { ...progbits[0], next: undefined };
  head.next = progbits[0];
  for (let i = 0; i + 1 < progbits.length; i++) progbits[i].next = progbits[i + 1];

  // Step 2a: move each group led by a `follows=` section (with the sections defined after it
  // that have no placement of their own) behind the section it follows.
  let gp: Node = head;
  let g: Node | undefined = head.next;
  for (let guard = 0; g; guard++) {
    if (guard > progbits.length * progbits.length + 8)
      return fail(g.s, `circular follows= path between sections (${g.s.name} follows ${g.follows})`);
    if (g.follows === undefined) {
      while (g.next) {
        if (g.next.follows !== undefined && g.s.name !== g.next.follows) break;
        g = g.next;
      }
      if (!g.next) break;
      gp = g;
      g = g.next;
    }
    let s: Node | undefined = head.next;
    while (s && s.s.name !== g.follows) s = s.next;
    if (!s) return fail(g.s, `section ${g.s.name} follows an invalid or unknown section (${g.follows})`);
    if (s === g) return fail(g.s, `section ${g.s.name} is self following`);
    if (s.next && s.next.follows !== undefined && s.s.name === s.next.follows)
      return fail(g.s, `sections ${g.s.name} and ${s.next.s.name} can't both follow section ${s.s.name}`);
    let gsp: Node = g;
    let gs: Node | undefined = g.next;
    while (gs && gs !== s && !gs.startDefined) {
      if (gs.next && gs.next.follows !== undefined && gs.s.name !== gs.next.follows) {
        gsp = gs;
        gs = gs.next;
        break;
      }
      gsp = gs;
      gs = gs.next;
    }
    gsp.next = s.next;
    s.next = g;
    gp.next = gs;
    g = gs;
  }

  // Step 2b: sort the groups led by a start= section by that address (a stable insertion).
  const sorted: Node = { ...head, next: undefined };
  g = head.next;
  while (g) {
    let sp: Node = sorted;
    let s = sorted.next;
    while (s && !(s.startDefined && g.start < s.start)) {
      sp = s;
      s = s.next;
    }
    let gsp: Node = g;
    let gs: Node | undefined = g.next;
    while (gs && !gs.startDefined) {
      gsp = gs;
      gs = gs.next;
    }
    sp.next = g;
    gsp.next = s;
    g = gs;
  }

  // Step 3: load addresses. The first section starts at the origin (aligned if it asks to
  // be), or the origin is its start=; the others follow the previous one, aligned to 4
  // unless they say otherwise; overlapping start= sections are an error.
  const first = sorted.next!;
  if (origin !== undefined) {
    if (first.startDefined) {
      if (first.start < origin) return fail(first.s, `section ${first.s.name} begins before program origin`);
    } else if (first.alignDefined) first.start = alignUp(origin, first.align);
    else first.start = origin;
  } else {
    if (!first.startDefined) first.start = 0;
    origin = first.start;
  }
  first.startDefined = true;
  let pend = first.start;
  let s: Node | undefined = first;
  let last: Node | undefined;
  for (let n: Node | undefined = first; n; n = n.next) {
    if (n === s) {
      s = n.next;
      while (s && (s.s.size === 0 || !s.startDefined)) s = s.next;
    }
    if (!n.startDefined) {
      if (!n.alignDefined) {
        n.align = 4;
        n.alignDefined = true;
      }
      n.start = alignUp(pend, n.align);
      n.startDefined = true;
    }
    if (!n.vstartDefined && n.vfollows === undefined) {
      n.vstart = n.valignDefined ? alignUp(pend, n.valign) : n.start;
      n.vstartDefined = true;
    }
    if (n.start < pend) continue;
    pend = n.start + n.s.size;
    if (s) {
      if (s.start < origin) return fail(s.s, `section ${s.s.name} begins before program origin`);
      if (n.start > s.start)
        return fail(n.s, `sections ${last?.s.name ?? n.s.name} ~ ${n.s.name} and ${s.s.name} overlap!`);
      if (pend > s.start) return fail(n.s, `sections ${n.s.name} and ${s.s.name} overlap!`);
    }
    last = n;
  }

  // Step 4: virtual starts of the rest (vfollows= and nobits sections), repeated until
  // nothing changes; what is left is a vfollows= cycle.
  const all: Node[] = [];
  for (let n: Node | undefined = first; n; n = n.next) all.push(n);
  const lastProgbits = all[all.length - 1];
  all.push(...nobits);
  for (let changed = true; changed;) {
    changed = false;
    for (const n of all) {
      if (n.vstartDefined) continue;
      let after: Node | undefined;
      if (n.vfollows !== undefined) {
        after = all.find((x) => x.s.name === n.vfollows);
        if (!after) return fail(n.s, `section ${n.s.name} vfollows unknown section (${n.vfollows})`);
      } else if (n.s.bin.prev !== undefined) after = all.find((x) => x.s.index === n.s.bin.prev);
      else after = lastProgbits;
      if (!after || !after.vstartDefined) continue;
      if (!n.valignDefined) {
        n.valign = 4;
        n.valignDefined = true;
      }
      n.vstart = alignUp(after.vstart + after.s.size, n.valign);
      n.vstartDefined = true;
      changed = true;
      if (n.s.nobits) n.start = n.vstart;
    }
  }
  const stuck = all.filter((n) => !n.vstartDefined);
  if (stuck.length > 0)
    return fail(
      stuck[0].s,
      `circular vfollows path detected: cannot compute vstart for section ${stuck.map((n) => n.s.name).join(', ')}`,
    );
  for (const n of all) {
    n.s.start = n.start;
    n.s.base = n.vstart;
  }
  const details = all.map((n) => ({
    index: n.s.index,
    align: n.alignDefined ? n.align : undefined,
    valign: n.valignDefined ? n.valign : undefined,
    follows: n.follows,
    vfollows: n.vfollows,
  }));
  return { origin, order: all.filter((n) => !n.s.nobits || n === first).map((n) => n.s.index), details };
}
