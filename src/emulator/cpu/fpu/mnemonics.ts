// Summaries of the x87 mnemonics for MNEMONIC_INFO (mnemonics.ts): one line each, from the
// SDM Vol.2 instruction page titles.

import type { MnemonicInfo } from '../mnemonics';

const A = 'arithmetic' as const, D = 'data' as const, S = 'system' as const;

const LIST: [string, MnemonicInfo['group'], string][] = [
  ['fadd', A, 'x87 add (to ST(0) or ST(i))'], ['faddp', A, 'x87 add and pop'], ['fiadd', A, 'x87 add integer'],
  ['fsub', A, 'x87 subtract'], ['fsubp', A, 'x87 subtract and pop'], ['fisub', A, 'x87 subtract integer'],
  ['fsubr', A, 'x87 reverse subtract'], ['fsubrp', A, 'x87 reverse subtract and pop'], ['fisubr', A, 'x87 reverse subtract integer'],
  ['fmul', A, 'x87 multiply'], ['fmulp', A, 'x87 multiply and pop'], ['fimul', A, 'x87 multiply by integer'],
  ['fdiv', A, 'x87 divide (ST(0) or ST(i))'], ['fdivp', A, 'x87 divide and pop'], ['fidiv', A, 'x87 divide by integer'],
  ['fdivr', A, 'x87 reverse divide'], ['fdivrp', A, 'x87 reverse divide and pop'], ['fidivr', A, 'x87 reverse divide by integer'],
  ['fcom', A, 'x87 compare ST(0) (C3 C2 C0)'], ['fcomp', A, 'x87 compare and pop'], ['fcompp', A, 'x87 compare ST(0) with ST(1) and pop twice'],
  ['ficom', A, 'x87 compare with integer'], ['ficomp', A, 'x87 compare with integer and pop'],
  ['fucom', A, 'x87 unordered compare'], ['fucomp', A, 'x87 unordered compare and pop'], ['fucompp', A, 'x87 unordered compare and pop twice'],
  ['fcomi', A, 'x87 compare into EFLAGS (ZF PF CF)'], ['fcomip', A, 'x87 compare into EFLAGS and pop'],
  ['fucomi', A, 'x87 unordered compare into EFLAGS'], ['fucomip', A, 'x87 unordered compare into EFLAGS and pop'],
  ['ftst', A, 'x87 compare ST(0) with 0.0'], ['fxam', A, 'x87 examine the class of ST(0)'],
  ['fld', D, 'x87 load real (push)'], ['fst', D, 'x87 store real'], ['fstp', D, 'x87 store real and pop'],
  ['fild', D, 'x87 load integer (push)'], ['fist', D, 'x87 store integer'], ['fistp', D, 'x87 store integer and pop'],
  ['fbld', D, 'x87 load packed BCD (push)'], ['fbstp', D, 'x87 store packed BCD and pop'],
  ['fxch', D, 'x87 exchange ST(0) and ST(i)'], ['ffree', D, 'x87 tag ST(i) empty'], ['ffreep', D, 'x87 tag ST(i) empty and pop'],
  ['fcmovb', D, 'x87 move if below (CF=1)'], ['fcmove', D, 'x87 move if equal (ZF=1)'], ['fcmovbe', D, 'x87 move if below or equal'],
  ['fcmovu', D, 'x87 move if unordered (PF=1)'], ['fcmovnb', D, 'x87 move if not below (CF=0)'], ['fcmovne', D, 'x87 move if not equal (ZF=0)'],
  ['fcmovnbe', D, 'x87 move if not below or equal'], ['fcmovnu', D, 'x87 move if not unordered (PF=0)'],
  ['fld1', D, 'x87 push +1.0'], ['fldl2t', D, 'x87 push log2(10)'], ['fldl2e', D, 'x87 push log2(e)'], ['fldpi', D, 'x87 push pi'],
  ['fldlg2', D, 'x87 push log10(2)'], ['fldln2', D, 'x87 push ln(2)'], ['fldz', D, 'x87 push +0.0'],
  ['fchs', A, 'x87 change sign'], ['fabs', A, 'x87 absolute value'], ['fsqrt', A, 'x87 square root'],
  ['frndint', A, 'x87 round to integer'], ['fscale', A, 'x87 scale by a power of two'], ['fxtract', A, 'x87 split exponent and significand'],
  ['fprem', A, 'x87 partial remainder (truncating)'], ['fprem1', A, 'x87 IEEE partial remainder'],
  ['f2xm1', A, 'x87 2^x - 1'], ['fyl2x', A, 'x87 y * log2(x)'], ['fyl2xp1', A, 'x87 y * log2(x + 1)'],
  ['fptan', A, 'x87 partial tangent'], ['fpatan', A, 'x87 partial arctangent'],
  ['fsin', A, 'x87 sine of ST(0)'], ['fcos', A, 'x87 cosine of ST(0)'], ['fsincos', A, 'x87 sine and cosine'],
  ['fnop', D, 'x87 no operation'], ['fincstp', D, 'x87 increment the stack top'], ['fdecstp', D, 'x87 decrement the stack top'],
  ['fninit', S, 'x87 initialize (no wait)'], ['fnclex', S, 'x87 clear exceptions (no wait)'],
  ['fneni', S, '8087 enable interrupts: a no-operation on the 387 and later'], ['fndisi', S, '8087 disable interrupts: a no-operation on the 387 and later'],
  ['fsetpm', S, '80287 set protected mode: a no-operation on the 387 and later'],
  ['fldcw', S, 'x87 load control word'], ['fnstcw', S, 'x87 store control word (no wait)'], ['fnstsw', S, 'x87 store status word (no wait)'],
  ['fldenv', S, 'x87 load environment'], ['fnstenv', S, 'x87 store environment (no wait), then mask all exceptions'],
  ['frstor', S, 'x87 restore state'], ['fnsave', S, 'x87 save state (no wait), then initialize'],
  ['fxsave', S, 'save x87 (and SSE) state, 512 bytes'], ['fxrstor', S, 'restore x87 (and SSE) state, 512 bytes'],
];

export const FPU_MNEMONIC_INFO: Readonly<Record<string, MnemonicInfo>> = Object.fromEntries(
  LIST.map(([name, group, summary]) => [name, { group, summary }]),
);
