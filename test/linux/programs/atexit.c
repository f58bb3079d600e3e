/* atexit handlers run in reverse order, then the status reaches the parent. */
#include <stdio.h>
#include <stdlib.h>

static void first(void) { puts("first registered, last run"); }
static void second(void) { puts("second"); }
static void third(void) { puts("third registered, first run"); }

int main(void) {
  atexit(first);
  atexit(second);
  atexit(third);
  printf("exiting with 42\n");
  exit(42);
}
