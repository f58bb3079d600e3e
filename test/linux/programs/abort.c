/* abort(): a SIGABRT handler runs and returns, then abort() ends the program with SIGABRT
 * anyway (status 134); stdio is not flushed by abort, so the output is flushed by hand. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void on_abort(int sig) {
  static const char msg[] = "SIGABRT handler ran\n";
  (void)sig;
  write(1, msg, sizeof msg - 1);
}

int main(void) {
  printf("before abort\n");
  fflush(stdout);
  signal(SIGABRT, on_abort);
  abort();
}
