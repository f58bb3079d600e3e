/* Integer arithmetic: a sieve, gcd, powers modulo, overflow wrap, signed division. */
#include <stdio.h>
#include <string.h>

static unsigned gcd(unsigned a, unsigned b) { while (b) { unsigned t = a % b; a = b; b = t; } return a; }

static unsigned powmod(unsigned b, unsigned e, unsigned m) {
  unsigned long long r = 1, x = b % m;
  while (e) { if (e & 1) r = r * x % m; x = x * x % m; e >>= 1; }
  return (unsigned)r;
}

int main(void) {
  static char composite[100001];
  unsigned count = 0, sum = 0;
  for (unsigned i = 2; i <= 100000; i++) {
    if (composite[i]) continue;
    count++; sum += i;
    for (unsigned j = i * 2; j <= 100000; j += i) composite[j] = 1;
  }
  printf("primes below 100001: %u, sum %u\n", count, sum);
  printf("gcd(1071, 462) = %u, gcd(2^31, 6^10) = %u\n", gcd(1071, 462), gcd(1u << 31, 60466176u));
  printf("3^1000 mod 1000000007 = %u\n", powmod(3, 1000, 1000000007u));
  volatile int a = -17, b = 5;
  printf("-17/5 = %d, -17%%5 = %d, 17/-5 = %d, 17%%-5 = %d\n", a / b, a % b, -a / -b, -a % -b);
  volatile unsigned big = 4000000000u;
  printf("wrap: %u %d\n", big + big, (int)(big * 3u));
  volatile int m = 0x7fffffff;
  printf("min: %d, abs via xor: %d\n", m + 1 == (int)0x80000000, (m ^ (m >> 31)) - (m >> 31));
  unsigned h = 2166136261u;
  for (int i = 0; i < 1000000; i++) { h ^= (unsigned)i; h *= 16777619u; }
  printf("fnv over a million ints: %08x\n", h);
  return 0;
}
