/* setjmp/longjmp out of nested calls. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf env;
static int calls;

static void dive(int n) {
  calls++;
  if (n == 0) longjmp(env, 42);
  dive(n - 1);
}

int main(void) {
  volatile int rounds = 0;
  int r = setjmp(env);
  if (r == 0) {
    dive(1000);
    puts("not reached");
  }
  printf("longjmp returned %d after %d calls\n", r, calls);
  if (++rounds < 3) longjmp(env, rounds + 100);
  printf("rounds %d\n", rounds);
  return 0;
}
