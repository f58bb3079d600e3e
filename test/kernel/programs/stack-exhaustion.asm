; Hostile: the main thread recurses until its stack runs into the unmapped guard below it.
; The kernel reports the #PF and, the last thread gone, ends the program with status
; 0x80 + 14.

bits 32
%include "abi.inc"
org ADDR_FLAT_LOAD
%include "user.inc"

main:
    print "stack-exhaustion: recursing", 10
recurse:
    push eax
    call recurse
