; %assign and %if need numbers: NASM rejects a register or a label (non-constant), a comparison
; of different registers other than = and !=, and a constant defined on a later line
label_a:
%assign r1 ss
%assign r2 eax + 1
%assign r3 label_a
%assign r4 ss < cs
%assign r5 equ_later + 1
%assign r6 label_later - label_a
label_later:
equ_later equ 1
