; db/dw/dd/dq with strings, character constants and every number form
bits 32
db 1, 2, 0x1F, 1Fh, 0b101, 101b, 0o17, 17q, 17o, 0d10, 10d, 0h2a, $2b, 1_000 & 0xff
dw 'ab', 'abc', 0x1234, -1
dd 0x12345678, -2, 'a' + 1
dq 0x123456789, -1
db `a\tb\n\x41\0`, "dq"
db 'x' , "y" , `z`
