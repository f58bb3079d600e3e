// The lexical indexes of the workspace's assembly files, joined by their %include lines, for
// go to definition, find references, completions and label hovers across files. A file's
// "unit" is every file connected to it by includes in either direction: labels of a program
// are visible from the include files it uses, and the other way round.

import * as path from 'path';
import { indexSource, occurrenceAt, type Definition, type Occurrence, type SourceIndex } from './sourceIndex';

export interface Located<T> {
  file: string;
  item: T;
}

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceIndex>();
  private readonly texts = new Map<string, string[]>();

  /**
   * `virtualIncludes` maps an include name the host serves itself (abi.inc, generated from
   * src/kernel/abi.ts) to the path under which its text is indexed.
   */
  constructor(private readonly virtualIncludes: ReadonlyMap<string, string> = new Map()) {}

  set(file: string, text: string): void {
    this.files.set(file, indexSource(text));
    this.texts.set(file, text.split(/\r?\n/));
  }

  delete(file: string): void {
    this.files.delete(file);
    this.texts.delete(file);
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  index(file: string): SourceIndex | undefined {
    return this.files.get(file);
  }

  lineText(file: string, line: number): string | undefined {
    return this.texts.get(file)?.[line];
  }

  /** The indexed file an `%include "target"` in `from` names: next to `from`, else served by the host. */
  resolveInclude(from: string, target: string): string | undefined {
    const beside = path.resolve(path.dirname(from), target);
    if (this.files.has(beside)) return beside;
    const served = this.virtualIncludes.get(path.basename(target));
    if (served !== undefined && this.files.has(served)) return served;
    return undefined;
  }

  /** `file` and every indexed file connected to it by includes, `file` first. */
  unit(file: string): string[] {
    const edges = new Map<string, Set<string>>();
    const link = (a: string, b: string): void => {
      if (!edges.has(a)) edges.set(a, new Set());
      edges.get(a)!.add(b);
    };
    for (const [from, idx] of this.files) {
      for (const inc of idx.includes) {
        const to = this.resolveInclude(from, inc.target);
        if (to === undefined) continue;
        link(from, to);
        link(to, from);
      }
    }
    const seen = [file];
    for (let i = 0; i < seen.length; i++)
      for (const next of edges.get(seen[i]) ?? []) if (!seen.includes(next)) seen.push(next);
    return seen;
  }

  occurrenceAt(file: string, line: number, character: number): Occurrence | undefined {
    const idx = this.files.get(file);
    return idx ? occurrenceAt(idx, line, character) : undefined;
  }

  definitions(file: string, name: string): Located<Definition>[] {
    const found: Located<Definition>[] = [];
    for (const f of this.unit(file))
      for (const d of this.files.get(f)?.definitions ?? []) if (d.name === name) found.push({ file: f, item: d });
    return found;
  }

  references(file: string, name: string, includeDefinitions: boolean): Located<Occurrence>[] {
    const found: Located<Occurrence>[] = [];
    for (const f of this.unit(file)) {
      const idx = this.files.get(f)!;
      for (const o of idx.occurrences) {
        if (o.name !== name) continue;
        if (!includeDefinitions && idx.definitions.some((d) => d.line === o.line && d.start === o.start)) continue;
        found.push({ file: f, item: o });
      }
    }
    return found;
  }

  /** Every definition visible from `file` (for completions). */
  visibleDefinitions(file: string): Located<Definition>[] {
    const found: Located<Definition>[] = [];
    for (const f of this.unit(file))
      for (const d of this.files.get(f)?.definitions ?? []) found.push({ file: f, item: d });
    return found;
  }
}
