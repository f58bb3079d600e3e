; i386 Lab's configuration of test386.asm (test/vendor/test386, GPL-3.0): this file takes the
; place of the vendored src/configuration.asm, which upstream says to edit, by coming first on
; the include path (nasm -i test/system/test386/ -i test/vendor/test386/src/); the vendored
; files stay unmodified. The run's variant comes from nasm -D defines: TEST386_UNDEF (0 or 1).
; Every EQU the vendored configuration.asm defines is defined here.

; POST codes go to port 0x80 (the PC's usual diagnostic port), ASCII results to port 0xE9,
; which is what `i386-lab run --bare` prints.
POST_PORT equ 0x80
LPT_PORT equ 0
LPT_STROBING equ 0
COM_PORT equ 0
COM_PORT_DIV equ 0x0001
OUT_PORT equ 0xE9

; Undefined behaviour (POST 0x09, 0x0E, 0xE0) as the 80386 (CPU family 3) does it: only for the
; models whose undefined flags are the 80386's.
TEST_UNDEF equ TEST386_UNDEF
CPU_FAMILY equ 3

BOCHS equ 0
IBM_PS1 equ 0
DEBUG equ 0
ROM128 equ 0
