/* Many small allocations: a chained hash table of words and a reversed linked list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { char *key; int count; struct entry *next; };

static unsigned hash(const char *s) { unsigned h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h; }

int main(void) {
  enum { BUCKETS = 1024 };
  struct entry *table[BUCKETS] = { 0 };
  unsigned seed = 7;
  int distinct = 0;
  for (int i = 0; i < 50000; i++) {
    char word[8];
    seed = seed * 1664525u + 1013904223u;
    int len = 1 + (int)(seed >> 29);
    for (int j = 0; j < len; j++) { seed = seed * 1664525u + 1013904223u; word[j] = (char)('a' + (seed >> 28)); }
    word[len] = 0;
    unsigned b = hash(word) % BUCKETS;
    struct entry *e = table[b];
    while (e && strcmp(e->key, word)) e = e->next;
    if (!e) {
      e = malloc(sizeof *e);
      e->key = strdup(word);
      e->count = 0;
      e->next = table[b];
      table[b] = e;
      distinct++;
    }
    e->count++;
  }
  int best = 0;
  const char *best_key = "";
  for (int b = 0; b < BUCKETS; b++)
    for (struct entry *e = table[b]; e; e = e->next)
      if (e->count > best || (e->count == best && strcmp(e->key, best_key) < 0)) { best = e->count; best_key = e->key; }
  printf("distinct %d, most frequent '%s' x%d\n", distinct, best_key, best);
  struct entry *list = NULL;
  for (int i = 0; i < 10; i++) { struct entry *e = malloc(sizeof *e); e->count = i; e->next = list; list = e; }
  struct entry *rev = NULL;
  while (list) { struct entry *n = list->next; list->next = rev; rev = list; list = n; }
  for (struct entry *e = rev; e; e = e->next) printf("%d ", e->count);
  printf("\n");
  return 0;
}
