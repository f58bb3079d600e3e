; incbin into a section placed with follows=, its size taken from labels
    bits 16
section .text
    mov si, blob
    mov cx, blob_len
    ret
section payload follows=.text align=16
blob:
    incbin "pp-included.inc"
blob_len equ $ - blob
section after follows=payload
    dw blob, blob_len
