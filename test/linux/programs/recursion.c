/* Recursion 100,000 deep: the stack must hold it (Linux gives 8 MiB). */
#include <stdio.h>

__attribute__((noinline)) static unsigned depth(unsigned n, volatile unsigned *sink) {
  volatile unsigned local[4] = { n, n + 1, n + 2, n + 3 };
  if (n == 0) return 0;
  unsigned r = depth(n - 1, sink) + 1;
  *sink += local[n & 3];
  return r;
}

static unsigned ackermann(unsigned m, unsigned n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

int main(void) {
  volatile unsigned sink = 0;
  printf("depth %u sink %u\n", depth(100000, &sink), sink);
  printf("ackermann(2, 300) = %u, ackermann(3, 6) = %u\n", ackermann(2, 300), ackermann(3, 6));
  return 0;
}
