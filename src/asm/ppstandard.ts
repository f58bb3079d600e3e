// NASM's standard macro package (standard.mac) as far as the preprocessor must mirror it, and the
// %stacksize models its %arg and %local use.

/**
 * NASM's standard macros that this assembler takes as directives: how many macro-local numbers
 * (`..@N`) each call uses up in NASM (the macro itself, and the context STRUC and ISTRUC push,
 * and the SECTALIGN that ALIGN and ALIGNB call), so later `%%label` and `%$label` names match.
 */
const STANDARD_MACRO_UNIQUES = new Map<string, number>(
  Object.entries({
    struc: 2,
    endstruc: 1,
    istruc: 2,
    at: 1,
    iend: 1,
    align: 2,
    alignb: 2,
    sectalign: 1,
    section: 1,
    segment: 1,
    absolute: 1,
    bits: 1,
    use16: 1,
    use32: 1,
    org: 1,
    global: 1,
    extern: 1,
    common: 1,
    static: 1,
    cpu: 1,
    default: 1,
    float: 1,
  }),
);

export function standardMacroUniques(line: string): number {
  const m = /^\s*(?:[A-Za-z_.?@$][\w.?@$#~]*\s*:\s*)?([A-Za-z_.?@$][\w.?@$#~]*)(?:\s|;|$)/.exec(line);
  return m ? (STANDARD_MACRO_UNIQUES.get(m[1].toLowerCase()) ?? 0) : 0;
}

/** %stacksize models (NASM 4.8.1): frame register, slot size, offset of the first argument. */
export const STACK_MODELS: Record<string, { base: string; slot: number; argOffset: number }> = {
  flat: { base: 'ebp', slot: 4, argOffset: 8 },
  flat64: { base: 'rbp', slot: 8, argOffset: 16 },
  large: { base: 'bp', slot: 2, argOffset: 4 },
  small: { base: 'bp', slot: 2, argOffset: 6 },
};
