/* malloc and realloc from 1 to 64 MiB: brk for small blocks, mmap and mremap for large. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned sum(const unsigned char *p, size_t n) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i += 4093) s = s * 31 + p[i];
  return s + p[n - 1];
}

int main(void) {
  for (size_t mib = 1; mib <= 64; mib *= 2) {
    size_t n = mib << 20;
    unsigned char *p = malloc(n);
    if (!p) { printf("malloc %zu MiB failed\n", mib); return 1; }
    for (size_t i = 0; i < n; i += 4096) p[i] = (unsigned char)(i >> 12);
    p[n - 1] = 0x5a;
    printf("%2zu MiB: checksum %u\n", mib, sum(p, n));
    free(p);
  }
  unsigned char *q = malloc(1000);
  memset(q, 7, 1000);
  for (size_t n = 1 << 20; n <= 64u << 20; n *= 4) {
    q = realloc(q, n);
    if (!q) { printf("realloc failed\n"); return 1; }
    q[n - 1] = 9;
    printf("realloc %zu: head %d tail %d\n", n, q[999], q[n - 1]);
  }
  free(q);
  void *small[1000];
  for (int i = 0; i < 1000; i++) { small[i] = malloc((size_t)i * 7 + 1); memset(small[i], i & 0xff, (size_t)i * 7 + 1); }
  int ok = 1;
  for (int i = 0; i < 1000; i++) if (((unsigned char *)small[i])[i * 7] != (i & 0xff)) ok = 0;
  for (int i = 0; i < 1000; i += 2) free(small[i]);
  for (int i = 1; i < 1000; i += 2) free(small[i]);
  void *c = calloc(100000, 4);
  printf("small blocks ok %d, calloc zero %d\n", ok, ((int *)c)[99999] == 0);
  free(c);
  return 0;
}
