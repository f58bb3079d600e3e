; page-table flags with ~ on %defines: masks cleared with and reg, ~FLAG
%define PG_PRESENT 0x001
%define PG_WRITE   0x002
%define PG_USER    0x004
%define PG_FLAGS   (PG_PRESENT | PG_WRITE | PG_USER)
%define PAGE_MASK  0xfff
    bits 32
    and eax, ~PAGE_MASK
    and ebx, ~PG_USER
    and ecx, ~(PG_WRITE | PG_USER)
    or eax, PG_FLAGS
    mov edx, -PG_WRITE
    mov esi, !PG_PRESENT
    mov edi, ~-PG_USER
    test eax, ~~PG_PRESENT
%if ~PAGE_MASK & 0x1000
    db 0x90
%endif
%if -PG_WRITE < 0
    db 0x91
%else
    db 0x92
%endif
%assign mask ~PG_FLAGS & 0xff
    db mask, ~PG_FLAGS & 0xff
    dd ~PAGE_MASK, -PAGE_MASK, !PAGE_MASK
