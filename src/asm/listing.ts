// A listing in the layout of NASM's -l: line number, offset, bytes, source text. Every source
// line is listed (directives and skipped lines too); lines produced by a macro or %rep come
// after it, marked <depth>; relocatable fields show their section-relative value in
// brackets; `times` shows one repetition and <rep N>, reserved space ?? or <res N>.

import type { Assembler, ListingRecord } from './assembler';
import type { ListingLine } from './preprocess';

/** Hex digits of the bytes field before NASM continues on the next row. */
const FIELD_WIDTH = 18;

function hex2(b: number): string {
  return (b & 0xff).toString(16).toUpperCase().padStart(2, '0');
}

function hexCount(n: number): string {
  return n.toString(16).toUpperCase();
}

/** The bytes of a record as NASM's units: plain bytes, or [..] for a relocatable field. */
function units(rec: ListingRecord): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  for (let i = 0; i < rec.bytes.length;) {
    const field = rec.fields.find((f) => f.offset === i);
    if (field) {
      let text = '';
      let v = field.value;
      for (let k = 0; k < field.size; k++) {
        text += hex2(v);
        v = Math.floor(v / 256);
      }
      out.push({ text: field.pcrel ? `(${text})` : `[${text}]`, offset: i });
      i += field.size;
    } else {
      out.push({ text: hex2(rec.bytes[i]), offset: i });
      i++;
    }
  }
  return out;
}

export function formatListing(asm: Assembler, trace: ListingLine[]): string {
  const byStmt = new Map<number, ListingRecord>();
  for (const r of asm.listing) if (!byStmt.has(r.stmt)) byStmt.set(r.stmt, r);
  const rows: string[] = [];
  for (const entry of trace) {
    const lineNo = String(entry.line).padStart(6);
    const text = entry.text;
    const field = (bytes: string) =>
      entry.depth > 0 ? `${bytes.padEnd(FIELD_WIDTH + 2)}<${entry.depth}> ` : bytes.padEnd(FIELD_WIDTH + 6);
    const rec = entry.out >= 0 ? byStmt.get(entry.out) : undefined;
    if (!rec || (rec.bytes.length === 0 && rec.reserved === 0 && !rec.zeroPad)) {
      rows.push(`${lineNo}${' '.repeat(10)}${field('')}${text}`);
      continue;
    }
    const offset = (at: number) => (rec.offset + at).toString(16).toUpperCase().padStart(8, '0');
    if (rec.bytes.length === 0 && !rec.zeroPad) {
      const res = rec.reserved <= 8 ? '??'.repeat(rec.reserved) : `<res ${hexCount(rec.reserved)}h>`;
      rows.push(`${lineNo} ${offset(0)} ${field(res)}${text}`);
      continue;
    }
    if (rec.binary) {
      rows.push(`${lineNo} ${offset(0)} ${field(`<bin ${hexCount(rec.bytes.length)}h>`)}${text}`);
      continue;
    }
    const parts = units(rec);
    if (rec.zeroPad) parts.unshift({ text: rec.zeroPad > 1 ? `00<rep ${hexCount(rec.zeroPad)}h>` : '00', offset: 0 });
    const rowsOfUnits: { text: string; offset: number }[] = [];
    let current = '';
    let start = 0;
    for (const u of parts) {
      if (current.length > 0 && current.length + u.text.length > FIELD_WIDTH) {
        rowsOfUnits.push({ text: current, offset: start });
        current = '';
      }
      if (current.length === 0) start = u.offset;
      current += u.text;
    }
    const rep = rec.repeat > 1 ? `<rep ${hexCount(rec.repeat)}h>` : '';
    // The repeat count is one more unit: on a row of its own (at the line's offset) when it does not fit.
    if (rep && current.length + rep.length > FIELD_WIDTH) {
      rowsOfUnits.push({ text: current, offset: start });
      rowsOfUnits.push({ text: rep, offset: 0 });
    } else rowsOfUnits.push({ text: current + rep, offset: start });
    rowsOfUnits.forEach((r, k) => {
      const last = k === rowsOfUnits.length - 1;
      const bytes = r.text + (last ? '' : '-');
      if (k === 0) rows.push(`${lineNo} ${offset(r.offset)} ${field(bytes)}${text}`);
      else if (entry.depth > 0)
        rows.push(`${lineNo} ${offset(r.offset)} ${bytes.padEnd(FIELD_WIDTH + 2)}<${entry.depth}>`);
      else rows.push(`${lineNo} ${offset(r.offset)} ${bytes.padEnd(FIELD_WIDTH + 1)}`);
    });
  }
  return rows.join('\n') + '\n';
}
