; start= sections declared in descending order: the image is sorted by address
    bits 16
section high start=0x300
    db "high"
    dw high_label
high_label:
section low start=0x100
    db "low"
    dw low_label, high_label
low_label:
section mid start=0x200
    db "mid"
    dw mid_label
mid_label:
section .text
    jmp low_label
