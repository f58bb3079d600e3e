; %include and incbin relative to the including file
bits 32
%include "pp-included.inc"
    mov eax, INCLUDED_VALUE
    call helper
incbin "dir-data.asm", 2, 10
