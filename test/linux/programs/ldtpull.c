/* Descriptors pulled from under loaded segment registers: DS and ES hold an LDT selector
   while that LDT entry is cleared by the very system call they are loaded across. The
   kernel must neither fault on the way back nor keep the stale descriptor usable. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <asm/ldt.h>

int main(void) {
  struct user_desc d;
  memset(&d, 0, sizeof d);
  d.entry_number = 0;
  d.limit = 0xfffff;
  d.seg_32bit = 1;
  d.limit_in_pages = 1;
  printf("install flat data in LDT 0: %ld\n", syscall(SYS_modify_ldt, 0x11, &d, sizeof d));
  struct user_desc empty;
  memset(&empty, 0, sizeof empty);
  empty.read_exec_only = 1;
  empty.seg_not_present = 1;
  int result;
  unsigned short after;
  __asm__ volatile(
      "push %%ds\n\t"
      "push %%es\n\t"
      "mov $7, %%si\n\t"
      "mov %%si, %%ds\n\t"
      "mov %%si, %%es\n\t"
      "int $0x80\n\t"
      "mov %%ds, %%si\n\t"
      "pop %%es\n\t"
      "pop %%ds\n\t"
      : "=a"(result), "=S"(after)
      : "a"(SYS_modify_ldt), "b"(0x11), "c"(&empty), "d"(sizeof empty)
      : "memory");
  printf("clear it with DS=ES=7: %d\n", result);
  printf("DS came back usable as before: %d\n", after == 7);
  unsigned short ds;
  __asm__ volatile("mov %%ds, %0" : "=r"(ds));
  printf("restored DS works, survived: %d\n", ds != 7);
  return 0;
}
