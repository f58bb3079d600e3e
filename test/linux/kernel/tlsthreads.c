/* Runs only under the i386 Lab kernel: two threads made with the native thread_create
   (int 0x30) each install their own TLS descriptor with set_thread_area(-1), load FS with it
   and read through FS across many thread switches (thread_yield): each must keep seeing its
   own segment, because the kernel swaps the GDT's TLS entries and FS/GS per thread. */
#include <stdio.h>
#include <string.h>
#include <asm/ldt.h>

enum { SYS_THREAD_CREATE = 4, SYS_THREAD_EXIT = 5, SYS_THREAD_YIELD = 6, ROUNDS = 200 };

static int native(int number, int b, int c, int d) {
  int r;
  __asm__ volatile("int $0x30" : "=a"(r) : "a"(number), "b"(b), "c"(c), "d"(d) : "memory");
  return r;
}

static int values[2][4] = { { 1111, 0, 0, 0 }, { 2222, 0, 0, 0 } };
static volatile int seen_own[2], seen_other[2], entries[2], done[2];
static unsigned char stacks[2][16384] __attribute__((aligned(16)));

__attribute__((used)) static void body(int who) {
  struct user_desc d;
  memset(&d, 0, sizeof d);
  d.entry_number = (unsigned)-1;
  d.base_addr = (unsigned)values[who];
  d.limit = 15;
  d.seg_32bit = 1;
  int r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(243), "b"(&d) : "memory");
  entries[who] = r == 0 ? (int)d.entry_number : r;
  unsigned short sel = (unsigned short)(d.entry_number * 8 + 3);
  __asm__ volatile("mov %0, %%fs" : : "r"(sel));
  for (int i = 0; i < ROUNDS; i++) {
    int v;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(v));
    if (v == values[who][0]) seen_own[who]++;
    else seen_other[who]++;
    native(SYS_THREAD_YIELD, 0, 0, 0);
  }
  done[who] = 1;
  native(SYS_THREAD_EXIT, 0, 0, 0);
}

/* The thread starts here with EAX = its argument and ESP = the top of its stack. */
__asm__(".text\n"
        "thread_entry:\n\t"
        "push %eax\n\t"
        "call body\n");
extern void thread_entry(void);

int main(void) {
  for (int who = 0; who < 2; who++)
    native(SYS_THREAD_CREATE, (int)thread_entry, (int)(stacks[who] + sizeof stacks[who]), who);
  while (!done[0] || !done[1]) native(SYS_THREAD_YIELD, 0, 0, 0);
  for (int who = 0; who < 2; who++)
    printf("thread %d: entry %d, own value %d times, another's %d times\n", who, entries[who], seen_own[who], seen_other[who]);
  return 0;
}
