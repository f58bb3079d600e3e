; NASM manual style 33: string instructions with size overrides
    bits 16
    rep movsb
    o16 movsd
    o32 movsw
    o16 stosd
    a16 lodsd
    a32 cmpsb
    repne scasw
    o16 outsd
    o32 insw
    salc
    int1
    icebp
