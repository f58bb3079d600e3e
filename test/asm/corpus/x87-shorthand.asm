; NASM's x87 shorthands: no-operand forms and the waiting forms (WAIT + the no-wait form)
bits 32
fxch
fcom
fcomp
fucom
fucomp
faddp
fmulp
fsubp
fsubrp
fdivp
fdivrp
finit
fclex
fstsw ax
fstsw [eax]
fstsw word [fs:eax]
fstcw [ebx]
fsave [eax]
fstenv [eax]
fsave [es:bx]
bits 16
finit
fstsw [bx]
fstenv [eax]
fxch
