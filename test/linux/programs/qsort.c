/* qsort and bsearch over pseudo-random integers and strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned state = 12345;
static unsigned next(void) { state = state * 1103515245u + 12345u; return state >> 8; }
static int by_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int by_string(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
  enum { N = 20000 };
  static int v[N];
  for (int i = 0; i < N; i++) v[i] = (int)(next() % 100000) - 50000;
  qsort(v, N, sizeof v[0], by_int);
  long long sum = 0;
  int sorted = 1;
  for (int i = 0; i < N; i++) { sum += v[i]; if (i && v[i - 1] > v[i]) sorted = 0; }
  printf("sorted %d min %d max %d median %d sum %lld\n", sorted, v[0], v[N - 1], v[N / 2], sum);
  int key = v[1234];
  int *found = bsearch(&key, v, N, sizeof v[0], by_int);
  printf("bsearch %d: %s\n", key, found && *found == key ? "found" : "missing");
  static char words[500][12];
  static char *p[500];
  for (int i = 0; i < 500; i++) {
    for (int j = 0; j < 11; j++) words[i][j] = (char)('a' + next() % 26);
    words[i][11] = 0;
    p[i] = words[i];
  }
  qsort(p, 500, sizeof p[0], by_string);
  printf("first %s last %s\n", p[0], p[499]);
  return 0;
}
