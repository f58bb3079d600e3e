; debug, list, warning (and the obj format's import, export, group, library, module, uppercase)
; are directives only in the [...] form in bin output: a bare one at the start of a line is a label
        bits 16
DEBUG   equ 0
list    equ 3
warning equ 2
import: db 1
export  db 2
group   dw DEBUG + list + warning
library equ import
module: dw library, export
UPPERCASE equ 6
        db UPPERCASE
