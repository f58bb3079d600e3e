// A listing in the layout of NASM's -l: line number, offset, bytes, source text.

import type { Assembler } from './assembler';

const BYTES_PER_ROW = 9;

function hex(bytes: number[]): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).toUpperCase().padStart(2, '0');
  return s;
}

export function formatListing(asm: Assembler): string {
  const rows: string[] = [];
  const byStmt = new Map<number, { offset: number; bytes: number[]; reserved: number }[]>();
  for (const r of asm.listing) {
    let list = byStmt.get(r.stmt);
    if (!list) byStmt.set(r.stmt, (list = []));
    list.push(r);
  }
  asm.parsed.forEach((st, i) => {
    const lineNo = String(st.at.line).padStart(6);
    const records = byStmt.get(i) ?? [];
    const rec = records.find((r) => r.bytes.length > 0 || r.reserved > 0);
    if (!rec) {
      rows.push(`${lineNo}${' '.repeat(34)}${st.text}`);
      return;
    }
    const offset = rec.offset.toString(16).toUpperCase().padStart(8, '0');
    if (rec.bytes.length === 0) {
      rows.push(`${lineNo} ${offset} ${'??'.repeat(Math.min(rec.reserved, 9)).padEnd(24)}${st.text}`);
      return;
    }
    const chunks: number[][] = [];
    for (let k = 0; k < rec.bytes.length; k += BYTES_PER_ROW) chunks.push(rec.bytes.slice(k, k + BYTES_PER_ROW));
    rows.push(`${lineNo} ${offset} ${(hex(chunks[0]) + (chunks.length > 1 ? '-' : '')).padEnd(24)}${st.text}`);
    for (let k = 1; k < chunks.length; k++) {
      const at = (rec.offset + k * BYTES_PER_ROW).toString(16).toUpperCase().padStart(8, '0');
      rows.push(`${lineNo} ${at} ${hex(chunks[k])}${k < chunks.length - 1 ? '-' : ''}`);
    }
  });
  return rows.join('\n') + '\n';
}
