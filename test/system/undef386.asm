; The 80386's undefined arithmetic flags (CpuModel.undefinedFlags = 'i386'): AAA AAS AAD AAM
; DAA DAS, SHL/SHR with counts past the operand width, RCL/RCR by width + 1, BT/BTC/BTR/BTS
; (OF). Each line: the instruction, its operand and count, the flags before, and the
; arithmetic flags after (CF PF AF ZF SF OF, mask 08D5). The cases and results are the data
; points of test386.asm's POST E0 test (validated on a 386SX); the expected file is
; hand-written from them. Also the SIB quirk: no index with a non-zero scale scales the base.
; The last cases follow the hardware-captured 80386EX tests of SingleStepTests/80386 (bytes
; shifted by 9-31 but not 16 or 24 leave CF clear, BT's OF from the operand rotated right by
; the bit offset, SHLD/SHRD of words by 17-31 shifting in the source rotated), where test386's
; cases do not decide.
%include "lib/start.inc"

; CASE mnemonic, ax, flags-in: flags -> print
%macro BCD 3
    %defstr %%name %1
    PRINT %%name
    PRINT " "
    HEX16 word [%%ax]
    PRINT " "
    HEX16 word [%%fl]
    PRINT " -> "
    push dword %3
    popfd
    mov eax, %2
    %1
    pushfd
    pop eax
    and eax, 0x8D5
    HEX16 ax
    NL
    jmp %%end
%%ax: dw %2
%%fl: dw %3
%%end:
%endmacro

; SHIFT mnemonic, register, value, count, flags-in
%macro SHIFT 5
    %defstr %%name %1 %2
    PRINT %%name
    PRINT " "
    HEX16 word [%%v]
    PRINT ","
    HEX8 byte [%%c]
    PRINT " "
    HEX16 word [%%fl]
    PRINT " -> "
    push dword %5
    popfd
    mov eax, 0xFFFF0000 | %3
    mov cl, %4
    %1 %2, cl
    pushfd
    pop eax
    and eax, 0x8D5
    HEX16 ax
    NL
    jmp %%end
%%v: dw %3
%%c: db %4
%%fl: dw %5
%%end:
%endmacro

; BITTEST mnemonic, register, value, bit, flags-in
%macro BITTEST 5
    %defstr %%name %1 %2
    PRINT %%name
    PRINT " "
    HEX16 word [%%v]
    PRINT ","
    HEX8 byte [%%c]
    PRINT " "
    HEX16 word [%%fl]
    PRINT " -> "
    push dword %5
    popfd
    mov eax, %3
    %1 %2, %4
    pushfd
    pop eax
    and eax, 0x8D5
    HEX16 ax
    NL
    jmp %%end
%%v: dw %3
%%c: db %4
%%fl: dw %5
%%end:
%endmacro

; DSHIFT mnemonic, ax, bx, count: AX and CF after `mnemonic ax, bx, cl`
%macro DSHIFT 4
    %defstr %%name %1
    PRINT %%name
    PRINT " ax,bx "
    HEX16 word [%%a]
    PRINT ","
    HEX16 word [%%b]
    PRINT ","
    HEX8 byte [%%c]
    PRINT " -> ax="
    mov eax, %2
    mov ebx, %3
    mov cl, %4
    %1 ax, bx, cl
    pushfd
    pop edx
    HEX16 ax
    PRINT " cf="
    and edx, 1
    HEX8 dl
    NL
    jmp %%end
%%a: dw %2
%%b: dw %3
%%c: db %4
%%end:
%endmacro

main:

    BCD aaa, 0x0000, 0x0000
    BCD aaa, 0x0001, 0x08C4
    BCD aaa, 0x007A, 0x0000
    BCD aaa, 0x007B, 0x0010
    BCD aad, 0x0001, 0x0811
    BCD aad, 0x0D8E, 0x0000
    BCD aad, 0x0106, 0x0000
    BCD aad, 0x01F7, 0x0000
    BCD aam, 0x0000, 0x0000
    BCD aam, 0x0000, 0x0811
    BCD aas, 0x0000, 0x0880
    BCD aas, 0x0000, 0x0010
    BCD aas, 0x0001, 0x08C4
    BCD aas, 0x0680, 0x0010
    BCD daa, 0x001A, 0x0810
    BCD daa, 0x001A, 0x0001
    BCD das, 0x0080, 0x0800
    BCD das, 0x0080, 0x0010
    SHIFT shr, al, 0x81, 1, 0x0000
    SHIFT shr, al, 0x82, 2, 0x0000
    SHIFT shr, al, 0x80, 8, 0x0000
    SHIFT shr, al, 0x00, 8, 0x0001
    SHIFT shr, al, 0x80, 16, 0x0000
    SHIFT shr, al, 0x00, 16, 0x0001
    SHIFT shr, al, 0x80, 24, 0x0000
    SHIFT shr, al, 0x00, 24, 0x0001
    SHIFT shr, al, 0x80, 32, 0x0000
    SHIFT shl, al, 0x81, 1, 0x0000
    SHIFT shl, al, 0x41, 2, 0x0000
    SHIFT shl, al, 0x01, 8, 0x0000
    SHIFT shl, al, 0x00, 8, 0x0001
    SHIFT shl, al, 0x01, 16, 0x0000
    SHIFT shl, al, 0x00, 16, 0x0001
    SHIFT shl, al, 0x01, 24, 0x0000
    SHIFT shl, al, 0x00, 24, 0x0001
    SHIFT shl, al, 0x01, 32, 0x0000
    SHIFT rcr, al, 0x00, 9, 0x0000
    SHIFT rcr, al, 0x00, 9, 0x0801
    SHIFT rcr, al, 0x40, 9, 0x0000
    SHIFT rcr, al, 0x40, 9, 0x0801
    SHIFT rcl, al, 0x00, 9, 0x0000
    SHIFT rcl, al, 0x00, 9, 0x0801
    SHIFT rcl, al, 0x80, 9, 0x0000
    SHIFT rcl, al, 0x80, 9, 0x0801
    SHIFT shr, ax, 0x8000, 16, 0x0000
    SHIFT shr, ax, 0x0000, 16, 0x0001
    SHIFT shr, ax, 0x8000, 32, 0x0000
    SHIFT shl, ax, 0x0001, 16, 0x0000
    SHIFT shl, ax, 0x0000, 16, 0x0001
    SHIFT shl, ax, 0x0001, 32, 0x0000
    SHIFT rcr, ax, 0x0000, 17, 0x0000
    SHIFT rcr, ax, 0x0000, 17, 0x0801
    SHIFT rcr, ax, 0x4000, 17, 0x0000
    SHIFT rcr, ax, 0x4000, 17, 0x0801
    SHIFT rcl, ax, 0x0000, 17, 0x0000
    SHIFT rcl, ax, 0x0000, 17, 0x0801
    SHIFT rcl, ax, 0x8000, 17, 0x0000
    SHIFT rcl, ax, 0x8000, 17, 0x0801
    BITTEST bt, ax, 0x01, 0, 0x0000
    BITTEST bt, ax, 0x01, 0, 0x0001
    BITTEST bt, ax, 0x01, 1, 0x0000
    BITTEST bt, ax, 0x01, 1, 0x0001
    BITTEST bt, ax, 0x01, 2, 0x0000
    BITTEST bt, ax, 0x01, 2, 0x0001
    BITTEST bt, ax, 0x01, 3, 0x0000
    BITTEST bt, ax, 0x01, 3, 0x0001
    BITTEST bt, eax, 0x01, 0, 0x0000
    BITTEST bt, eax, 0x01, 0, 0x0001
    BITTEST bt, eax, 0x01, 1, 0x0000
    BITTEST bt, eax, 0x01, 1, 0x0001
    BITTEST bt, eax, 0x01, 2, 0x0000
    BITTEST bt, eax, 0x01, 2, 0x0001
    BITTEST bt, eax, 0x01, 3, 0x0000
    BITTEST bt, eax, 0x01, 3, 0x0001
    BITTEST btc, ax, 0x01, 0, 0x0000
    BITTEST btc, ax, 0x01, 0, 0x0001
    BITTEST btc, ax, 0x01, 1, 0x0000
    BITTEST btc, ax, 0x01, 1, 0x0001
    BITTEST btc, ax, 0x01, 2, 0x0000
    BITTEST btc, ax, 0x01, 2, 0x0001
    BITTEST btc, ax, 0x01, 3, 0x0000
    BITTEST btc, ax, 0x01, 3, 0x0001
    BITTEST btc, eax, 0x01, 0, 0x0000
    BITTEST btc, eax, 0x01, 0, 0x0001
    BITTEST btc, eax, 0x01, 1, 0x0000
    BITTEST btc, eax, 0x01, 1, 0x0001
    BITTEST btc, eax, 0x01, 2, 0x0000
    BITTEST btc, eax, 0x01, 2, 0x0001
    BITTEST btc, eax, 0x01, 3, 0x0000
    BITTEST btc, eax, 0x01, 3, 0x0001
    BITTEST btr, ax, 0x01, 0, 0x0000
    BITTEST btr, ax, 0x01, 0, 0x0001
    BITTEST btr, ax, 0x01, 1, 0x0000
    BITTEST btr, ax, 0x01, 1, 0x0001
    BITTEST btr, ax, 0x01, 2, 0x0000
    BITTEST btr, ax, 0x01, 2, 0x0001
    BITTEST btr, ax, 0x01, 3, 0x0000
    BITTEST btr, ax, 0x01, 3, 0x0001
    BITTEST btr, eax, 0x01, 0, 0x0000
    BITTEST btr, eax, 0x01, 0, 0x0001
    BITTEST btr, eax, 0x01, 1, 0x0000
    BITTEST btr, eax, 0x01, 1, 0x0001
    BITTEST btr, eax, 0x01, 2, 0x0000
    BITTEST btr, eax, 0x01, 2, 0x0001
    BITTEST btr, eax, 0x01, 3, 0x0000
    BITTEST btr, eax, 0x01, 3, 0x0001
    BITTEST bts, ax, 0x01, 0, 0x0000
    BITTEST bts, ax, 0x01, 0, 0x0001
    BITTEST bts, ax, 0x01, 1, 0x0000
    BITTEST bts, ax, 0x01, 1, 0x0001
    BITTEST bts, ax, 0x01, 2, 0x0000
    BITTEST bts, ax, 0x01, 2, 0x0001
    BITTEST bts, ax, 0x01, 3, 0x0000
    BITTEST bts, ax, 0x01, 3, 0x0001
    BITTEST bts, eax, 0x01, 0, 0x0000
    BITTEST bts, eax, 0x01, 0, 0x0001
    BITTEST bts, eax, 0x01, 1, 0x0000
    BITTEST bts, eax, 0x01, 1, 0x0001
    BITTEST bts, eax, 0x01, 2, 0x0000
    BITTEST bts, eax, 0x01, 2, 0x0001
    BITTEST bts, eax, 0x01, 3, 0x0000
    BITTEST bts, eax, 0x01, 3, 0x0001

    ; LEA with SIB index 100b and scale 4: EBX*4 on the 80386 (EBX = 3 -> 0000000C)
    mov ebx, 3
    db 0x8D, 0x04, 0xA3             ; lea eax, [ebx + (no index)*4]: SIB scale 2, index 100b, base EBX
    PRINT "lea sib no-index scale 4, base ebx=3: "
    HEX32 eax
    NL

    ; SingleStepTests/80386 (386EX): cases test386 leaves open
    SHIFT shl, al, 0x80, 9, 0x0000
    SHIFT shl, al, 0x81, 17, 0x0000
    SHIFT shr, al, 0x01, 9, 0x0000
    SHIFT shr, al, 0x81, 25, 0x0000
    BITTEST bt, ax, 0xC000, 0, 0x0000
    BITTEST bt, ax, 0x8000, 1, 0x08D5
    DSHIFT shld, 0x1234, 0xABCD, 20
    DSHIFT shrd, 0x1234, 0xABCD, 20
    jmp finish
%include "lib/end.inc"
