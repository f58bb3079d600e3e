bits 32
punpcklbw mm0, mm1
punpcklbw mm0, [eax]
punpcklbw mm0, qword [ebx+ecx*4+0x10]
punpcklbw mm0, [0x1234]
punpcklbw mm0, [esp+8]
punpcklbw mm0, [ebp-4]
punpcklbw mm0, [si]
punpcklbw mm0, qword [bp+di+2]
punpcklbw mm0, [fs:edx]
punpcklbw mm7, mm0
punpcklwd mm1, mm1
punpcklwd mm1, [eax]
punpcklwd mm1, qword [ebx+ecx*4+0x10]
punpcklwd mm1, [0x1234]
punpcklwd mm7, mm0
punpckldq mm2, mm1
punpckldq mm2, [eax]
punpckldq mm2, qword [ebx+ecx*4+0x10]
punpckldq mm2, [0x1234]
punpckldq mm7, mm0
packsswb mm3, mm1
packsswb mm3, [eax]
packsswb mm3, qword [ebx+ecx*4+0x10]
packsswb mm3, [0x1234]
packsswb mm3, [esp+8]
packsswb mm3, [ebp-4]
packsswb mm3, [si]
packsswb mm3, qword [bp+di+2]
packsswb mm3, [fs:edx]
packsswb mm7, mm0
pcmpgtb mm4, mm1
pcmpgtb mm4, [eax]
pcmpgtb mm4, qword [ebx+ecx*4+0x10]
pcmpgtb mm4, [0x1234]
pcmpgtb mm7, mm0
pcmpgtw mm5, mm1
pcmpgtw mm5, [eax]
pcmpgtw mm5, qword [ebx+ecx*4+0x10]
pcmpgtw mm5, [0x1234]
pcmpgtw mm7, mm0
pcmpgtd mm6, mm1
pcmpgtd mm6, [eax]
pcmpgtd mm6, qword [ebx+ecx*4+0x10]
pcmpgtd mm6, [0x1234]
pcmpgtd mm6, [esp+8]
pcmpgtd mm6, [ebp-4]
pcmpgtd mm6, [si]
pcmpgtd mm6, qword [bp+di+2]
pcmpgtd mm6, [fs:edx]
pcmpgtd mm7, mm0
packuswb mm7, mm1
packuswb mm7, [eax]
packuswb mm7, qword [ebx+ecx*4+0x10]
packuswb mm7, [0x1234]
packuswb mm7, mm0
punpckhbw mm0, mm1
punpckhbw mm0, [eax]
punpckhbw mm0, qword [ebx+ecx*4+0x10]
punpckhbw mm0, [0x1234]
punpckhbw mm7, mm0
punpckhwd mm1, mm1
punpckhwd mm1, [eax]
punpckhwd mm1, qword [ebx+ecx*4+0x10]
punpckhwd mm1, [0x1234]
punpckhwd mm1, [esp+8]
punpckhwd mm1, [ebp-4]
punpckhwd mm1, [si]
punpckhwd mm1, qword [bp+di+2]
punpckhwd mm1, [fs:edx]
punpckhwd mm7, mm0
punpckhdq mm2, mm1
punpckhdq mm2, [eax]
punpckhdq mm2, qword [ebx+ecx*4+0x10]
punpckhdq mm2, [0x1234]
punpckhdq mm7, mm0
packssdw mm3, mm1
packssdw mm3, [eax]
packssdw mm3, qword [ebx+ecx*4+0x10]
packssdw mm3, [0x1234]
packssdw mm7, mm0
pcmpeqb mm4, mm1
pcmpeqb mm4, [eax]
pcmpeqb mm4, qword [ebx+ecx*4+0x10]
pcmpeqb mm4, [0x1234]
pcmpeqb mm4, [esp+8]
pcmpeqb mm4, [ebp-4]
pcmpeqb mm4, [si]
pcmpeqb mm4, qword [bp+di+2]
pcmpeqb mm4, [fs:edx]
pcmpeqb mm7, mm0
pcmpeqw mm5, mm1
pcmpeqw mm5, [eax]
pcmpeqw mm5, qword [ebx+ecx*4+0x10]
pcmpeqw mm5, [0x1234]
pcmpeqw mm7, mm0
pcmpeqd mm6, mm1
pcmpeqd mm6, [eax]
pcmpeqd mm6, qword [ebx+ecx*4+0x10]
pcmpeqd mm6, [0x1234]
pcmpeqd mm7, mm0
psrlw mm7, mm1
psrlw mm7, [eax]
psrlw mm7, qword [ebx+ecx*4+0x10]
psrlw mm7, [0x1234]
psrlw mm7, [esp+8]
psrlw mm7, [ebp-4]
psrlw mm7, [si]
psrlw mm7, qword [bp+di+2]
psrlw mm7, [fs:edx]
psrlw mm7, mm0
psrld mm0, mm1
psrld mm0, [eax]
psrld mm0, qword [ebx+ecx*4+0x10]
psrld mm0, [0x1234]
psrld mm7, mm0
psrlq mm1, mm1
psrlq mm1, [eax]
psrlq mm1, qword [ebx+ecx*4+0x10]
psrlq mm1, [0x1234]
psrlq mm7, mm0
pmullw mm2, mm1
pmullw mm2, [eax]
pmullw mm2, qword [ebx+ecx*4+0x10]
pmullw mm2, [0x1234]
pmullw mm2, [esp+8]
pmullw mm2, [ebp-4]
pmullw mm2, [si]
pmullw mm2, qword [bp+di+2]
pmullw mm2, [fs:edx]
pmullw mm7, mm0
psubusb mm3, mm1
psubusb mm3, [eax]
psubusb mm3, qword [ebx+ecx*4+0x10]
psubusb mm3, [0x1234]
psubusb mm7, mm0
psubusw mm4, mm1
psubusw mm4, [eax]
psubusw mm4, qword [ebx+ecx*4+0x10]
psubusw mm4, [0x1234]
psubusw mm7, mm0
pand mm5, mm1
pand mm5, [eax]
pand mm5, qword [ebx+ecx*4+0x10]
pand mm5, [0x1234]
pand mm5, [esp+8]
pand mm5, [ebp-4]
pand mm5, [si]
pand mm5, qword [bp+di+2]
pand mm5, [fs:edx]
pand mm7, mm0
paddusb mm6, mm1
paddusb mm6, [eax]
paddusb mm6, qword [ebx+ecx*4+0x10]
paddusb mm6, [0x1234]
paddusb mm7, mm0
paddusw mm7, mm1
paddusw mm7, [eax]
paddusw mm7, qword [ebx+ecx*4+0x10]
paddusw mm7, [0x1234]
paddusw mm7, mm0
pandn mm0, mm1
pandn mm0, [eax]
pandn mm0, qword [ebx+ecx*4+0x10]
pandn mm0, [0x1234]
pandn mm0, [esp+8]
pandn mm0, [ebp-4]
pandn mm0, [si]
pandn mm0, qword [bp+di+2]
pandn mm0, [fs:edx]
pandn mm7, mm0
psraw mm1, mm1
psraw mm1, [eax]
psraw mm1, qword [ebx+ecx*4+0x10]
psraw mm1, [0x1234]
psraw mm7, mm0
psrad mm2, mm1
psrad mm2, [eax]
psrad mm2, qword [ebx+ecx*4+0x10]
psrad mm2, [0x1234]
psrad mm7, mm0
pmulhw mm3, mm1
pmulhw mm3, [eax]
pmulhw mm3, qword [ebx+ecx*4+0x10]
pmulhw mm3, [0x1234]
pmulhw mm3, [esp+8]
pmulhw mm3, [ebp-4]
pmulhw mm3, [si]
pmulhw mm3, qword [bp+di+2]
pmulhw mm3, [fs:edx]
pmulhw mm7, mm0
psubsb mm4, mm1
psubsb mm4, [eax]
psubsb mm4, qword [ebx+ecx*4+0x10]
psubsb mm4, [0x1234]
psubsb mm7, mm0
psubsw mm5, mm1
psubsw mm5, [eax]
psubsw mm5, qword [ebx+ecx*4+0x10]
psubsw mm5, [0x1234]
psubsw mm7, mm0
por mm6, mm1
por mm6, [eax]
por mm6, qword [ebx+ecx*4+0x10]
por mm6, [0x1234]
por mm6, [esp+8]
por mm6, [ebp-4]
por mm6, [si]
por mm6, qword [bp+di+2]
por mm6, [fs:edx]
por mm7, mm0
paddsb mm7, mm1
paddsb mm7, [eax]
paddsb mm7, qword [ebx+ecx*4+0x10]
paddsb mm7, [0x1234]
paddsb mm7, mm0
paddsw mm0, mm1
paddsw mm0, [eax]
paddsw mm0, qword [ebx+ecx*4+0x10]
paddsw mm0, [0x1234]
paddsw mm7, mm0
pxor mm1, mm1
pxor mm1, [eax]
pxor mm1, qword [ebx+ecx*4+0x10]
pxor mm1, [0x1234]
pxor mm1, [esp+8]
pxor mm1, [ebp-4]
pxor mm1, [si]
pxor mm1, qword [bp+di+2]
pxor mm1, [fs:edx]
pxor mm7, mm0
psllw mm2, mm1
psllw mm2, [eax]
psllw mm2, qword [ebx+ecx*4+0x10]
psllw mm2, [0x1234]
psllw mm7, mm0
pslld mm3, mm1
pslld mm3, [eax]
pslld mm3, qword [ebx+ecx*4+0x10]
pslld mm3, [0x1234]
pslld mm7, mm0
psllq mm4, mm1
psllq mm4, [eax]
psllq mm4, qword [ebx+ecx*4+0x10]
psllq mm4, [0x1234]
psllq mm4, [esp+8]
psllq mm4, [ebp-4]
psllq mm4, [si]
psllq mm4, qword [bp+di+2]
psllq mm4, [fs:edx]
psllq mm7, mm0
pmaddwd mm5, mm1
pmaddwd mm5, [eax]
pmaddwd mm5, qword [ebx+ecx*4+0x10]
pmaddwd mm5, [0x1234]
pmaddwd mm7, mm0
psubb mm6, mm1
psubb mm6, [eax]
psubb mm6, qword [ebx+ecx*4+0x10]
psubb mm6, [0x1234]
psubb mm7, mm0
psubw mm7, mm1
psubw mm7, [eax]
psubw mm7, qword [ebx+ecx*4+0x10]
psubw mm7, [0x1234]
psubw mm7, [esp+8]
psubw mm7, [ebp-4]
psubw mm7, [si]
psubw mm7, qword [bp+di+2]
psubw mm7, [fs:edx]
psubw mm7, mm0
psubd mm0, mm1
psubd mm0, [eax]
psubd mm0, qword [ebx+ecx*4+0x10]
psubd mm0, [0x1234]
psubd mm7, mm0
paddb mm1, mm1
paddb mm1, [eax]
paddb mm1, qword [ebx+ecx*4+0x10]
paddb mm1, [0x1234]
paddb mm7, mm0
paddw mm2, mm1
paddw mm2, [eax]
paddw mm2, qword [ebx+ecx*4+0x10]
paddw mm2, [0x1234]
paddw mm2, [esp+8]
paddw mm2, [ebp-4]
paddw mm2, [si]
paddw mm2, qword [bp+di+2]
paddw mm2, [fs:edx]
paddw mm7, mm0
paddd mm3, mm1
paddd mm3, [eax]
paddd mm3, qword [ebx+ecx*4+0x10]
paddd mm3, [0x1234]
paddd mm7, mm0
pi2fw mm4, mm1
pi2fw mm4, [eax]
pi2fw mm4, qword [ebx+ecx*4+0x10]
pi2fw mm4, [0x1234]
pi2fw mm7, mm0
pi2fd mm5, mm1
pi2fd mm5, [eax]
pi2fd mm5, qword [ebx+ecx*4+0x10]
pi2fd mm5, [0x1234]
pi2fd mm5, [esp+8]
pi2fd mm5, [ebp-4]
pi2fd mm5, [si]
pi2fd mm5, qword [bp+di+2]
pi2fd mm5, [fs:edx]
pi2fd mm7, mm0
pf2iw mm6, mm1
pf2iw mm6, [eax]
pf2iw mm6, qword [ebx+ecx*4+0x10]
pf2iw mm6, [0x1234]
pf2iw mm7, mm0
pf2id mm7, mm1
pf2id mm7, [eax]
pf2id mm7, qword [ebx+ecx*4+0x10]
pf2id mm7, [0x1234]
pf2id mm7, mm0
pfnacc mm0, mm1
pfnacc mm0, [eax]
pfnacc mm0, qword [ebx+ecx*4+0x10]
pfnacc mm0, [0x1234]
pfnacc mm0, [esp+8]
pfnacc mm0, [ebp-4]
pfnacc mm0, [si]
pfnacc mm0, qword [bp+di+2]
pfnacc mm0, [fs:edx]
pfnacc mm7, mm0
pfpnacc mm1, mm1
pfpnacc mm1, [eax]
pfpnacc mm1, qword [ebx+ecx*4+0x10]
pfpnacc mm1, [0x1234]
pfpnacc mm7, mm0
pfcmpge mm2, mm1
pfcmpge mm2, [eax]
pfcmpge mm2, qword [ebx+ecx*4+0x10]
pfcmpge mm2, [0x1234]
pfcmpge mm7, mm0
pfmin mm3, mm1
pfmin mm3, [eax]
pfmin mm3, qword [ebx+ecx*4+0x10]
pfmin mm3, [0x1234]
pfmin mm3, [esp+8]
pfmin mm3, [ebp-4]
pfmin mm3, [si]
pfmin mm3, qword [bp+di+2]
pfmin mm3, [fs:edx]
pfmin mm7, mm0
pfrcp mm4, mm1
pfrcp mm4, [eax]
pfrcp mm4, qword [ebx+ecx*4+0x10]
pfrcp mm4, [0x1234]
pfrcp mm7, mm0
pfrsqrt mm5, mm1
pfrsqrt mm5, [eax]
pfrsqrt mm5, qword [ebx+ecx*4+0x10]
pfrsqrt mm5, [0x1234]
pfrsqrt mm7, mm0
pfsub mm6, mm1
pfsub mm6, [eax]
pfsub mm6, qword [ebx+ecx*4+0x10]
pfsub mm6, [0x1234]
pfsub mm6, [esp+8]
pfsub mm6, [ebp-4]
pfsub mm6, [si]
pfsub mm6, qword [bp+di+2]
pfsub mm6, [fs:edx]
pfsub mm7, mm0
pfadd mm7, mm1
pfadd mm7, [eax]
pfadd mm7, qword [ebx+ecx*4+0x10]
pfadd mm7, [0x1234]
pfadd mm7, mm0
pfcmpgt mm0, mm1
pfcmpgt mm0, [eax]
pfcmpgt mm0, qword [ebx+ecx*4+0x10]
pfcmpgt mm0, [0x1234]
pfcmpgt mm7, mm0
pfmax mm1, mm1
pfmax mm1, [eax]
pfmax mm1, qword [ebx+ecx*4+0x10]
pfmax mm1, [0x1234]
pfmax mm1, [esp+8]
pfmax mm1, [ebp-4]
pfmax mm1, [si]
pfmax mm1, qword [bp+di+2]
pfmax mm1, [fs:edx]
pfmax mm7, mm0
pfrcpit1 mm2, mm1
pfrcpit1 mm2, [eax]
pfrcpit1 mm2, qword [ebx+ecx*4+0x10]
pfrcpit1 mm2, [0x1234]
pfrcpit1 mm7, mm0
pfrsqit1 mm3, mm1
pfrsqit1 mm3, [eax]
pfrsqit1 mm3, qword [ebx+ecx*4+0x10]
pfrsqit1 mm3, [0x1234]
pfrsqit1 mm7, mm0
pfsubr mm4, mm1
pfsubr mm4, [eax]
pfsubr mm4, qword [ebx+ecx*4+0x10]
pfsubr mm4, [0x1234]
pfsubr mm4, [esp+8]
pfsubr mm4, [ebp-4]
pfsubr mm4, [si]
pfsubr mm4, qword [bp+di+2]
pfsubr mm4, [fs:edx]
pfsubr mm7, mm0
pfacc mm5, mm1
pfacc mm5, [eax]
pfacc mm5, qword [ebx+ecx*4+0x10]
pfacc mm5, [0x1234]
pfacc mm7, mm0
pfcmpeq mm6, mm1
pfcmpeq mm6, [eax]
pfcmpeq mm6, qword [ebx+ecx*4+0x10]
pfcmpeq mm6, [0x1234]
pfcmpeq mm7, mm0
pfmul mm7, mm1
pfmul mm7, [eax]
pfmul mm7, qword [ebx+ecx*4+0x10]
pfmul mm7, [0x1234]
pfmul mm7, [esp+8]
pfmul mm7, [ebp-4]
pfmul mm7, [si]
pfmul mm7, qword [bp+di+2]
pfmul mm7, [fs:edx]
pfmul mm7, mm0
pfrcpit2 mm0, mm1
pfrcpit2 mm0, [eax]
pfrcpit2 mm0, qword [ebx+ecx*4+0x10]
pfrcpit2 mm0, [0x1234]
pfrcpit2 mm7, mm0
pmulhrwa mm1, mm1
pmulhrwa mm1, [eax]
pmulhrwa mm1, qword [ebx+ecx*4+0x10]
pmulhrwa mm1, [0x1234]
pmulhrwa mm7, mm0
pswapd mm2, mm1
pswapd mm2, [eax]
pswapd mm2, qword [ebx+ecx*4+0x10]
pswapd mm2, [0x1234]
pswapd mm2, [esp+8]
pswapd mm2, [ebp-4]
pswapd mm2, [si]
pswapd mm2, qword [bp+di+2]
pswapd mm2, [fs:edx]
pswapd mm7, mm0
pavgusb mm3, mm1
pavgusb mm3, [eax]
pavgusb mm3, qword [ebx+ecx*4+0x10]
pavgusb mm3, [0x1234]
pavgusb mm7, mm0
pminub mm4, mm1
pminub mm4, [eax]
pminub mm4, qword [ebx+ecx*4+0x10]
pminub mm4, [0x1234]
pminub mm7, mm0
pmaxub mm5, mm1
pmaxub mm5, [eax]
pmaxub mm5, qword [ebx+ecx*4+0x10]
pmaxub mm5, [0x1234]
pmaxub mm5, [esp+8]
pmaxub mm5, [ebp-4]
pmaxub mm5, [si]
pmaxub mm5, qword [bp+di+2]
pmaxub mm5, [fs:edx]
pmaxub mm7, mm0
pavgb mm6, mm1
pavgb mm6, [eax]
pavgb mm6, qword [ebx+ecx*4+0x10]
pavgb mm6, [0x1234]
pavgb mm7, mm0
pavgw mm7, mm1
pavgw mm7, [eax]
pavgw mm7, qword [ebx+ecx*4+0x10]
pavgw mm7, [0x1234]
pavgw mm7, mm0
pmulhuw mm0, mm1
pmulhuw mm0, [eax]
pmulhuw mm0, qword [ebx+ecx*4+0x10]
pmulhuw mm0, [0x1234]
pmulhuw mm0, [esp+8]
pmulhuw mm0, [ebp-4]
pmulhuw mm0, [si]
pmulhuw mm0, qword [bp+di+2]
pmulhuw mm0, [fs:edx]
pmulhuw mm7, mm0
pminsw mm1, mm1
pminsw mm1, [eax]
pminsw mm1, qword [ebx+ecx*4+0x10]
pminsw mm1, [0x1234]
pminsw mm7, mm0
pmaxsw mm2, mm1
pmaxsw mm2, [eax]
pmaxsw mm2, qword [ebx+ecx*4+0x10]
pmaxsw mm2, [0x1234]
pmaxsw mm7, mm0
psadbw mm3, mm1
psadbw mm3, [eax]
psadbw mm3, qword [ebx+ecx*4+0x10]
psadbw mm3, [0x1234]
psadbw mm3, [esp+8]
psadbw mm3, [ebp-4]
psadbw mm3, [si]
psadbw mm3, qword [bp+di+2]
psadbw mm3, [fs:edx]
psadbw mm7, mm0
psrlw mm2, 3
psrlw mm7, 0xff
psraw mm2, 3
psraw mm7, 0xff
psllw mm2, 3
psllw mm7, 0xff
psrld mm2, 3
psrld mm7, 0xff
psrad mm2, 3
psrad mm7, 0xff
pslld mm2, 3
pslld mm7, 0xff
psrlq mm2, 3
psrlq mm7, 0xff
psllq mm2, 3
psllq mm7, 0xff
movd mm0, eax
movd mm3, [ebx]
movd mm7, dword [esi+4]
movd eax, mm1
movd [edi], mm5
movd dword [0x10], mm2
movd esp, mm6
movq mm0, mm1
movq mm2, [eax]
movq mm3, qword [ebx+8]
movq [ecx], mm4
movq qword [esp], mm5
movq mm7, mm7
emms
femms
prefetch [eax]
prefetchw [ebx+4]
prefetchnta [ecx]
prefetcht0 [edx+8]
prefetcht1 [0x100]
prefetcht2 [esi]
sfence
pshufw mm0, mm1, 0x1b
pshufw mm2, [eax], 3
pinsrw mm0, eax, 1
pinsrw mm3, [ebx], 2
pinsrw mm4, word [ecx], 3
pextrw eax, mm1, 2
pextrw edi, mm7, 0
pmovmskb eax, mm3
pmovmskb ebp, mm0
movntq [eax], mm1
movntq qword [ebx+ecx], mm7
maskmovq mm1, mm2
maskmovq mm7, mm0
bits 16
paddb mm0, [bx]
movq mm1, [eax]
movd mm2, eax
pfadd mm1, [si+2]
emms
