/* printf conversions of integers and strings. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>

int main(void) {
  printf("%d %i %u %x %X %o\n", -42, 42, 42u, 0xbeef, 0xbeef, 8);
  printf("[%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42, 42, 42);
  printf("%ld %lu %lx\n", LONG_MIN, ULONG_MAX, 0xdeadbeefUL);
  printf("%lld %llu %llx\n", LLONG_MIN, ULLONG_MAX, 0x123456789abcdefULL);
  printf("%" PRId64 " %" PRIu32 " %" PRIx16 "\n", (int64_t)-1234567890123LL, (uint32_t)4000000000u, (uint16_t)0xffff);
  printf("[%s] [%10s] [%-10s] [%.3s] [%c%c]\n", "str", "right", "left", "truncate", 'o', 'k');
  printf("%hhd %hd %zu %td\n", (signed char)200, (short)70000, (size_t)123, (ptrdiff_t)-5);
  printf("%#x %#o %%\n", 255, 8);
  printf("%*d|%-*d|%.*d\n", 6, 7, 6, 7, 4, 7);
  int n = printf("counted\n");
  printf("printf returned %d\n", n);
  char out[64];
  sprintf(out, "%08x-%s", 0x1234abcdu, "tail");
  puts(out);
  return 0;
}
