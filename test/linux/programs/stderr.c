/* Output on both streams, unbuffered stderr between buffered stdout lines. */
#include <stdio.h>

int main(void) {
  fprintf(stderr, "to stderr first\n");
  printf("to stdout\n");
  fflush(stdout);
  fputs("stderr again\n", stderr);
  printf("stdout again\n");
  return 3;
}
