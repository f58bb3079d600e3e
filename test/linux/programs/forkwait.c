// fork and wait: exit statuses (WIFEXITED, WEXITSTATUS), a child killed by a signal
// (WIFSIGNALED, WTERMSIG), waitpid with WNOHANG, wait for any child, ECHILD, getppid, a
// SIGCHLD handler, and the process group a child inherits.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t chld;

static void on_chld(int sig) { chld += sig == SIGCHLD; }

static void report(const char *what, int st) {
  if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
  else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
  else printf("%s: status %#x\n", what, st);
}

int main(void) {
  pid_t me = getpid();
  for (int code = 0; code < 3; code++) {
    pid_t p = fork();
    if (p < 0) return perror("fork"), 1;
    if (p == 0) _exit(code == 2 ? 255 : code * 21);
    int st;
    if (waitpid(p, &st, 0) != p) return perror("waitpid"), 1;
    report("child", st);
  }
  int sigs[] = {SIGTERM, SIGKILL, SIGSEGV, SIGUSR1};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    pid_t p = fork();
    if (p == 0) {
      if (sigs[i] == SIGSEGV) *(volatile int *)0 = 1;
      kill(getpid(), sigs[i]);
      for (;;) pause();
    }
    int st;
    waitpid(p, &st, 0);
    report("signalled child", st);
  }
  // The parent kills a child that waits in pause().
  pid_t sleeper = fork();
  if (sleeper == 0) {
    for (;;) pause();
  }
  int st;
  printf("WNOHANG while it runs: %d\n", waitpid(sleeper, &st, WNOHANG));
  kill(sleeper, SIGINT);
  waitpid(sleeper, &st, 0);
  report("paused child", st);
  // The child sees its parent and its group.
  pid_t p = fork();
  if (p == 0) _exit(getppid() == me && getpgrp() == getpgid(me) ? 40 : 41);
  waitpid(p, &st, 0);
  report("ppid and group", st);
  // SIGCHLD reaches a handler; wait(-1) reaps.
  struct sigaction sa = {0};
  sa.sa_handler = on_chld;
  sigaction(SIGCHLD, &sa, 0);
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGCHLD);
  sigprocmask(SIG_BLOCK, &block, &old);
  for (int i = 0; i < 3; i++)
    if (fork() == 0) _exit(50 + i);
  int total = 0;
  for (int i = 0; i < 3; i++) {
    if (wait(&st) < 0) return perror("wait"), 1;
    total += WEXITSTATUS(st);
  }
  sigprocmask(SIG_SETMASK, &old, 0);
  printf("three children: %d, SIGCHLD seen %d\n", total, chld > 0);
  errno = 0;
  int none = wait(&st);
  printf("no child left: %d %s\n", none, errno == ECHILD ? "ECHILD" : "?");
  return 5;
}
