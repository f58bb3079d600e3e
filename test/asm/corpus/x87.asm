; x87 forms of the instruction table (every row that the assembler encodes), with memory,
; ST(i) and whole-ModRM operands; expected bytes from nasm -f bin.
bits 32
fadd dword [eax]
fadd qword [ebx+8]
fiadd dword [eax]
fiadd word [ecx]
fadd st0, st0
fadd st0, st3
fadd st0, st7
fadd st3, st0
fadd st7, st0
faddp st0, st0
faddp st3, st0
faddp st7, st0
fmul dword [eax]
fmul qword [ebx+8]
fimul dword [eax]
fimul word [ecx]
fmul st0, st0
fmul st0, st3
fmul st0, st7
fmul st3, st0
fmul st7, st0
fmulp st0, st0
fmulp st3, st0
fmulp st7, st0
fcom dword [eax]
fcom qword [ebx+8]
ficom dword [eax]
ficom word [ecx]
fcom st0
fcom st3
fcom st7
fcomp dword [eax]
fcomp qword [ebx+8]
ficomp dword [eax]
ficomp word [ecx]
fcomp st0
fcomp st3
fcomp st7
fsub dword [eax]
fsub qword [ebx+8]
fisub dword [eax]
fisub word [ecx]
fsub st0, st0
fsub st0, st3
fsub st0, st7
fsub st3, st0
fsub st7, st0
fsubp st0, st0
fsubp st3, st0
fsubp st7, st0
fsubr dword [eax]
fsubr qword [ebx+8]
fisubr dword [eax]
fisubr word [ecx]
fsubr st0, st0
fsubr st0, st3
fsubr st0, st7
fsubr st3, st0
fsubr st7, st0
fsubrp st0, st0
fsubrp st3, st0
fsubrp st7, st0
fdiv dword [eax]
fdiv qword [ebx+8]
fidiv dword [eax]
fidiv word [ecx]
fdiv st0, st0
fdiv st0, st3
fdiv st0, st7
fdiv st3, st0
fdiv st7, st0
fdivp st0, st0
fdivp st3, st0
fdivp st7, st0
fdivr dword [eax]
fdivr qword [ebx+8]
fidivr dword [eax]
fidivr word [ecx]
fdivr st0, st0
fdivr st0, st3
fdivr st0, st7
fdivr st3, st0
fdivr st7, st0
fdivrp st0, st0
fdivrp st3, st0
fdivrp st7, st0
fcompp
fld dword [eax]
fld qword [ebx+8]
fld tword [edx+ecx*4]
fld st0
fld st3
fld st7
fst dword [eax]
fst qword [ebx+8]
fst st0
fst st3
fst st7
fstp dword [eax]
fstp qword [ebx+8]
fstp tword [edx+ecx*4]
fstp st0
fstp st3
fstp st7
fild word [ecx]
fild dword [eax]
fild qword [ebx+8]
fist word [ecx]
fist dword [eax]
fistp word [ecx]
fistp dword [eax]
fistp qword [ebx+8]
fbld tword [edx+ecx*4]
fbstp tword [edx+ecx*4]
fxch st0
fxch st3
fxch st7
ffree st0
ffree st3
ffree st7
ffreep st0
ffreep st3
ffreep st7
fucom st0
fucom st3
fucom st7
fucomp st0
fucomp st3
fucomp st7
fucompp
fucomi st0, st0
fucomi st0, st3
fucomi st0, st7
fcomi st0, st0
fcomi st0, st3
fcomi st0, st7
fucomip st0, st0
fucomip st0, st3
fucomip st0, st7
fcomip st0, st0
fcomip st0, st3
fcomip st0, st7
fcmovb st0, st0
fcmovb st0, st3
fcmovb st0, st7
fcmovnb st0, st0
fcmovnb st0, st3
fcmovnb st0, st7
fcmove st0, st0
fcmove st0, st3
fcmove st0, st7
fcmovne st0, st0
fcmovne st0, st3
fcmovne st0, st7
fcmovbe st0, st0
fcmovbe st0, st3
fcmovbe st0, st7
fcmovnbe st0, st0
fcmovnbe st0, st3
fcmovnbe st0, st7
fcmovu st0, st0
fcmovu st0, st3
fcmovu st0, st7
fcmovnu st0, st0
fcmovnu st0, st3
fcmovnu st0, st7
fnop
fchs
fabs
ftst
fxam
fld1
fldl2t
fldl2e
fldpi
fldlg2
fldln2
fldz
f2xm1
fyl2x
fptan
fpatan
fxtract
fprem1
fdecstp
fincstp
fprem
fyl2xp1
fsqrt
fsincos
frndint
fscale
fsin
fcos
fneni
fndisi
fnclex
fninit
fsetpm
fldcw word [ecx]
fnstcw word [ecx]
fnstsw word [ecx]
fnstsw ax
fldenv [esi]
fnstenv [esi]
frstor [edi+0x100]
fnsave [edi+0x100]
fxsave [ebp-16]
fxrstor [ebp-16]
o16 fnstenv [eax]
o16 fldenv [eax]
o16 fnsave [eax]
o16 frstor [eax]
fld dword [bx+si]
