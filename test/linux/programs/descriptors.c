/* set_thread_area, get_thread_area and modify_ldt: which descriptors a program may install
   (only DPL 3 code/data; TLS entries only present 32-bit data), what reads back, and that
   segment registers loaded from them work and survive a descriptor being cleared. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <asm/ldt.h>

static int tls(struct user_desc *d) { return (int)syscall(SYS_set_thread_area, d); }
static int ldt(int func, void *p, unsigned long n) { return (int)syscall(SYS_modify_ldt, func, p, n); }

static struct user_desc desc(int entry, unsigned base, unsigned limit, int bits32, int contents, int ro, int pages, int np) {
  struct user_desc d;
  memset(&d, 0, sizeof d);
  d.entry_number = (unsigned)entry;
  d.base_addr = base;
  d.limit = limit;
  d.seg_32bit = (unsigned)bits32;
  d.contents = (unsigned)contents;
  d.read_exec_only = (unsigned)ro;
  d.limit_in_pages = (unsigned)pages;
  d.seg_not_present = (unsigned)np;
  d.useable = 1;
  return d;
}

static void show(const char *what, int r) { printf("%-36s %d %s\n", what, r, r < 0 ? strerror(errno) : ""); }

static int data[4] = { 11, 22, 33, 44 };

int main(void) {
  struct user_desc d = desc(-1, (unsigned)data, 0xfff, 1, 0, 0, 0, 0);
  show("set_thread_area -1 (free entry)", tls(&d));
  int entry = (int)d.entry_number;
  unsigned short gs;
  __asm__ volatile("mov %%gs, %0" : "=r"(gs));
  printf("the entry after glibc's (gs): %d\n", entry == (gs >> 3) + 1);
  unsigned short sel = (unsigned short)(entry * 8 + 3), fs;
  __asm__ volatile("mov %1, %%fs\n\tmov %%fs, %0" : "=r"(fs) : "r"(sel));
  int third;
  __asm__ volatile("movl %%fs:8, %0" : "=r"(third));
  printf("fs:8 reads data[2]: %d\n", third);
  struct user_desc g;
  memset(&g, 0, sizeof g);
  g.entry_number = (unsigned)entry;
  show("get_thread_area", (int)syscall(SYS_get_thread_area, &g));
  printf("read back: base ok %d limit %x 32bit %u contents %u ro %u pages %u np %u useable %u\n", g.base_addr == (unsigned)data,
         g.limit, g.seg_32bit, g.contents, g.read_exec_only, g.limit_in_pages, g.seg_not_present, g.useable);
  struct user_desc bad;
  bad = desc(entry, 0, 0xfffff, 1, 2, 0, 1, 0); show("TLS code segment", tls(&bad));
  bad = desc(entry, 0, 0xfffff, 0, 0, 0, 1, 0); show("TLS 16-bit segment", tls(&bad));
  bad = desc(entry, 0, 0xfffff, 1, 0, 0, 1, 1); show("TLS not present", tls(&bad));
  bad = desc(3, 0, 0xfffff, 1, 0, 0, 1, 0); show("TLS entry 3 (user code)", tls(&bad));
  bad = desc((gs >> 3) + 3, 0, 0xfffff, 1, 0, 0, 1, 0); show("TLS entry past the last", tls(&bad));
  show("set_thread_area null pointer", tls(NULL));
  /* Clearing the entry FS holds: FS must not keep working as before in a way that faults the kernel. */
  struct user_desc empty = desc(entry, 0, 0, 0, 0, 1, 0, 1);
  empty.useable = 0;
  show("TLS clear (LDT_empty)", tls(&empty));
  printf("getpid still works: %d\n", getpid() > 0);
  __asm__ volatile("mov %0, %%fs" : : "r"((unsigned short)0));

  /* modify_ldt */
  struct user_desc l = desc(0, (unsigned)data, 0xfff, 1, 0, 0, 0, 0);
  show("modify_ldt write data (0x11)", ldt(0x11, &l, sizeof l));
  __asm__ volatile("mov %0, %%fs" : : "r"((unsigned short)7));
  int second;
  __asm__ volatile("movl %%fs:4, %0" : "=r"(second));
  printf("fs:4 through the LDT reads data[1]: %d\n", second);
  __asm__ volatile("mov %0, %%fs" : : "r"((unsigned short)0));
  struct user_desc conf = desc(1, 0, 0xfffff, 1, 3, 0, 1, 0);
  show("LDT conforming code, present", ldt(0x11, &conf, sizeof conf));
  conf.seg_not_present = 1;
  show("LDT conforming code, not present", ldt(0x11, &conf, sizeof conf));
  show("LDT conforming code, old mode", ldt(1, &conf, sizeof conf));
  struct user_desc code = desc(2, 0, 0xfffff, 1, 2, 1, 1, 0);
  show("LDT ordinary code segment", ldt(0x11, &code, sizeof code));
  show("LDT wrong size", ldt(0x11, &code, 8));
  show("modify_ldt bad func 7", ldt(7, &code, sizeof code));
  unsigned char table[3 * 8];
  memset(table, 0xee, sizeof table);
  show("modify_ldt read 24 bytes", ldt(0, table, sizeof table));
  printf("entry 0 access byte %02x, entry 1 %02x, entry 2 %02x\n", table[5], table[13], table[21]);
  return 0;
}
