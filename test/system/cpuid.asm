; What CPUID reports, found the way real kernels find it: no CPUID unless EFLAGS.ID can be
; toggled (SDM Vol.2A CPUID; Vol.1 19.1); leaf 0 = highest basic leaf and vendor in EBX EDX
; ECX; leaf 1 EAX = signature (stepping 3:0, model 7:4, family 11:8), EDX = features
; (SDM Vol.2A Table 3-11); AMD parts: leaf 80000000h = highest extended leaf, 80000001h EDX
; = extended features (SYSCALL is bit 11), 80000002h-80000004h = the name string (AMD APM
; Vol.3, appendix E). Extended leaves are only asked of AMD parts: on Intel parts of this era
; they are undefined.
; QEMU's CPU models report other signatures and feature sets than the real parts our models
; stand for, so this program's expected output is derived from the model table
; (src/isa/models.ts) by the test runner, source "model-table" in programs.json.
%include "lib/start.inc"

main:
    pushfd
    pop eax
    mov ecx, eax
    xor eax, FL_ID
    push eax
    popfd
    pushfd
    pop eax
    xor eax, ecx
    test eax, FL_ID
    jnz .has_cpuid
    PRINTLN "no cpuid"
    jmp finish
.has_cpuid:
    xor eax, eax
    cpuid
    mov [scratch], ebx
    mov [scratch + 4], edx
    mov [scratch + 8], ecx
    mov byte [scratch + 12], 0
    PRINT "max leaf "
    HEX32 eax
    PRINT " vendor "
    mov esi, scratch
    call print_str
    NL
    mov eax, 1
    cpuid
    PRINT "leaf 1 signature "
    and eax, 0x0FFF
    HEX32 eax
    PRINT " edx "
    HEX32 edx
    NL
    cmp dword [scratch], "Auth"
    jne .done
    mov eax, 0x80000000
    cpuid
    PRINT "max extended leaf "
    HEX32 eax
    NL
    cmp eax, 0x80000004
    jb .done
    mov eax, 0x80000001
    cpuid
    PRINT "leaf 80000001 edx "
    HEX32 edx
    NL
    mov edi, scratch
    mov esi, 0x80000002
.brand:
    mov eax, esi
    cpuid
    mov [edi], eax
    mov [edi + 4], ebx
    mov [edi + 8], ecx
    mov [edi + 12], edx
    add edi, 16
    inc esi
    cmp esi, 0x80000004
    jbe .brand
    mov byte [edi], 0
    PRINT "brand "
    mov esi, scratch
    call print_str
    NL
.done:
    jmp finish
%include "lib/end.inc"
