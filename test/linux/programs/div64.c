/* 64-bit multiplication, division and modulo (libgcc's __divdi3 family on i386). */
#include <stdio.h>
#include <stdint.h>

int main(void) {
  volatile uint64_t a = 0xfedcba9876543210ULL, b = 0x123456789ULL;
  volatile int64_t c = -9000000000000000000LL, d = 7;
  printf("%llu / %llu = %llu rem %llu\n", (unsigned long long)a, (unsigned long long)b,
         (unsigned long long)(a / b), (unsigned long long)(a % b));
  printf("%lld / %lld = %lld rem %lld\n", (long long)c, (long long)d, (long long)(c / d), (long long)(c % d));
  printf("product %llu\n", (unsigned long long)(a * b));
  uint64_t x = 1;
  for (int i = 0; i < 63; i++) x = x * 3 + (uint64_t)i;
  printf("series %llu\n", (unsigned long long)x);
  uint64_t fact = 1;
  for (uint64_t i = 1; i <= 20; i++) fact *= i;
  printf("20! = %llu, /19! = %llu\n", (unsigned long long)fact, (unsigned long long)(fact / 121645100408832000ULL));
  printf("shifts %llx %llx %lld\n", (unsigned long long)(a << 37), (unsigned long long)(a >> 41), (long long)(c >> 50));
  return 0;
}
