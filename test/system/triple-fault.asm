; A triple fault: an exception while delivering a double fault shuts the processor down
; (SDM Vol.3 6.15, Interrupt 8: "If another exception occurs while attempting to call the
; double-fault handler, the processor enters shutdown mode"). The run must end with a
; shutdown, after the first line and before "done".
; Here the IDT limit is 0: INT3 finds vector 3 beyond the limit -> #GP(1AH); vector 13 is
; beyond the limit too -> #DF; vector 8 as well -> shutdown (SDM Vol.3 6.10, 6.13).
%include "lib/start.inc"

main:
    PRINTLN "int3 with an empty IDT"
    lidt [empty_idt]
    int3
    PRINTLN "no shutdown"
    jmp finish

empty_idt:
    dw 0
    dd IDT_RAM
%include "lib/end.inc"
