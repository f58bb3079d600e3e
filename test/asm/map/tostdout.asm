; [map all] without a file: the map goes to standard output.
[map all]
        org 0x500
here:   db 1, 2, 3
there   equ here + 2
