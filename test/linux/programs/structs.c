/* Structures by value, unions, bit-fields and a table of function pointers. */
#include <stdio.h>
#include <string.h>

struct point { int x, y; };
struct rect { struct point a, b; char label[12]; };
union word { unsigned u; unsigned char b[4]; };
struct flags { unsigned ready : 1, mode : 3, count : 12, spare : 16; };

static struct rect grow(struct rect r, int by) { r.a.x -= by; r.a.y -= by; r.b.x += by; r.b.y += by; return r; }
static int area(const struct rect *r) { return (r->b.x - r->a.x) * (r->b.y - r->a.y); }
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

int main(void) {
  struct rect r = { { 1, 2 }, { 5, 8 }, "box" };
  struct rect g = grow(r, 3);
  printf("%s: %d -> %d (%d,%d)-(%d,%d)\n", g.label, area(&r), area(&g), g.a.x, g.a.y, g.b.x, g.b.y);
  union word w = { .u = 0x11223344u };
  printf("bytes %02x %02x %02x %02x\n", w.b[0], w.b[1], w.b[2], w.b[3]);
  struct flags f = { 1, 5, 4000, 0 };
  f.count += 100;
  unsigned raw;
  memcpy(&raw, &f, sizeof raw);
  printf("flags %u %u %u raw %08x size %zu\n", f.ready, f.mode, f.count, raw, sizeof f);
  int (*ops[])(int, int) = { add, sub, mul };
  int acc = 1;
  for (int i = 0; i < 30; i++) acc = ops[i % 3](acc, i + 1);
  printf("ops %d\n", acc);
  return 0;
}
