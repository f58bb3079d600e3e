; Backquoted strings with \u and \U escapes: code points stored as UTF-8 (up to 4 or 8 hex
; digits; a letter with no digit after it stays itself), next to the other escapes.
        org 0x7c00
msg:    db `caf\u00e9 \u263a \U0001F600\r\n`, 0
euro:   dw `\u20ac`
smile:  dd `\U0001F600`
four:   db `\u41\u7ff\u800\uffff`
odd:    db `\x\xg\u\U`, `\U7FFFFFFF`
mixed:  db `\t\e\0\101\x42\?`
        times 64 - ($ - $$) db 0
