/* Bit operations: population count, leading/trailing zeros, rotations, byte swaps. */
#include <stdio.h>
#include <stdint.h>

static uint32_t rotl(uint32_t x, unsigned r) { return (x << r) | (x >> ((32 - r) & 31)); }

int main(void) {
  volatile uint32_t v = 0x00f0a501u;
  printf("popcount %d clz %d ctz %d\n", __builtin_popcount(v), __builtin_clz(v), __builtin_ctz(v));
  printf("rotl %08x %08x\n", rotl(v, 8), rotl(v, 31));
  printf("bswap %08x %016llx\n", __builtin_bswap32(v), (unsigned long long)__builtin_bswap64(0x0102030405060708ULL));
  uint32_t gray = 0;
  for (uint32_t i = 0; i < 1000; i++) gray ^= i ^ (i >> 1);
  printf("gray xor %u\n", gray);
  volatile int32_t s = -123456789;
  printf("sar %d shr %u\n", s >> 7, (uint32_t)s >> 7);
  uint64_t m = 0;
  for (int i = 0; i < 64; i += 3) m |= 1ULL << i;
  printf("mask %016llx popcount %d\n", (unsigned long long)m, __builtin_popcountll(m));
  return 0;
}
