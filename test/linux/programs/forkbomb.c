// Forks until fork fails or 200 children run: every fork either succeeds or fails with
// EAGAIN (the process table is full), never anything else, and every child is reaped. With
// REPORT in the environment it also prints how many children it had and the errno.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int gate[2];
  if (pipe(gate)) return perror("pipe"), 1;
  int children = 0, failure = 0;
  for (; children < 200; children++) {
    pid_t p = fork();
    if (p < 0) {
      failure = errno;
      break;
    }
    if (p == 0) {
      char c;
      close(gate[1]);
      _exit(read(gate[0], &c, 1) == 0 ? 0 : 1);  // waits for the parent to close the gate
    }
  }
  close(gate[1]);
  int reaped = 0, clean = 0, st;
  while (wait(&st) > 0) {
    reaped++;
    clean += WIFEXITED(st) && WEXITSTATUS(st) == 0;
  }
  printf("fork failed only with EAGAIN: %s\n", failure == 0 || failure == EAGAIN ? "yes" : strerror(failure));
  printf("every child reaped and clean: %s\n", reaped == children && clean == children ? "yes" : "no");
  if (getenv("REPORT")) printf("children %d, errno %d\n", children, failure);
  return 0;
}
