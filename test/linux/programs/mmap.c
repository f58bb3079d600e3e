/* mmap, mprotect, mremap, madvise and munmap with their results, not their addresses. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>

int main(void) {
  size_t len = 5 * 4096;
  unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("mmap ok %d zero %d\n", p != MAP_FAILED, p[len - 1] == 0);
  memset(p, 0xab, len);
  int r1 = mprotect(p + 1, 4096, PROT_READ);
  int e1 = errno;
  printf("mprotect unaligned %d errno %d\n", r1, e1);
  unsigned char *q = mremap(p, len, 64 * 4096, MREMAP_MAYMOVE);
  printf("mremap grow ok %d kept %d new zero %d\n", q != MAP_FAILED, q[len - 1] == 0xab, q[64 * 4096 - 1] == 0);
  q[64 * 4096 - 1] = 1;
  unsigned char *r = mremap(q, 64 * 4096, 2 * 4096, 0);
  printf("mremap shrink same %d\n", r == q);
  int r2 = madvise(r + 4096, 4096, MADV_DONTNEED);
  printf("madvise dontneed %d zero again %d first kept %d\n", r2, r[4096] == 0, r[0] == 0xab);
  printf("mprotect read-only %d\n", mprotect(r, 4096, PROT_READ));
  unsigned char *m = mremap(r, 2 * 4096, 3 * 4096, MREMAP_MAYMOVE);
  int e2 = errno;
  printf("mremap across protections fails %d errno %d\n", m == MAP_FAILED, e2);
  printf("munmap %d\n", munmap(r, 2 * 4096));
  int r3 = munmap(r, 0);
  int e3 = errno;
  printf("munmap len 0: %d errno %d\n", r3, e3);
  void *bad = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  int e4 = errno;
  printf("mmap len 0 failed %d errno %d\n", bad == MAP_FAILED, e4);
  unsigned char *f = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  f[0] = 1;
  unsigned char *g = mmap(f, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("fixed replaces: same %d zero %d\n", g == f, g[0] == 0);
  return 0;
}
