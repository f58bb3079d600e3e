/* Waiting for signals: sigsuspend with a handler, sigtimedwait and sigwaitinfo (a pending
 * signal at once, a timeout, a signal from another process with its siginfo, SIGCHLD with
 * si_status, interrupted by a handled signal), sigqueue's value and si_code, rt_sigqueueinfo's
 * rules, and a handler on the alternate stack. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static volatile int got_code, got_value, on_alt;
static char alt_stack[65536];

static void on_signal(int sig, siginfo_t *info, void *uc) {
  (void)uc;
  got = sig;
  got_code = info->si_code;
  got_value = info->si_value.sival_int;
  char here;
  on_alt = (uintptr_t)&here >= (uintptr_t)alt_stack && (uintptr_t)&here < (uintptr_t)alt_stack + sizeof alt_stack;
}

static void catch(int sig, int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | flags;
  sigemptyset(&sa.sa_mask);
  sigaction(sig, &sa, NULL);
}

static const char *outcome(long r) { return r < 0 ? strerror(errno) : "ok"; }

static const char *code_name(int code) {
  switch (code) {
  case SI_USER: return "SI_USER";
  case SI_QUEUE: return "SI_QUEUE";
  case SI_TKILL: return "SI_TKILL";
  case CLD_EXITED: return "CLD_EXITED";
  case CLD_KILLED: return "CLD_KILLED";
  default: return "?";
  }
}

int main(void) {
  sigset_t usr, none, mask;
  sigemptyset(&none);
  sigemptyset(&usr);
  sigaddset(&usr, SIGUSR1);
  sigaddset(&usr, SIGUSR2);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &usr, NULL);
  sigprocmask(SIG_BLOCK, &chld, NULL); /* blocked, SIGCHLD is kept pending for sigwaitinfo */
  siginfo_t si;
  struct timespec zero = {0, 0}, short_wait = {0, 200000000};
  long r;

  /* Pending already: taken at once, the lower number first. */
  raise(SIGUSR2);
  raise(SIGUSR1);
  r = sigtimedwait(&usr, &si, &zero);
  printf("sigtimedwait, two pending: %ld, code %s, pid %s\n", r, code_name(si.si_code),
         si.si_pid == getpid() ? "ours" : "other");
  r = sigwaitinfo(&usr, &si);
  printf("sigwaitinfo: %ld, code %s\n", r, code_name(si.si_code));
  r = sigtimedwait(&usr, &si, &zero);
  printf("none pending, zero timeout: %ld (%s)\n", r, outcome(r));
  r = sigtimedwait(&usr, &si, &short_wait);
  printf("none pending, 0.2 s: %ld (%s)\n", r, outcome(r));
  struct timespec bad = {0, 1000000000};
  r = sigtimedwait(&usr, &si, &bad);
  printf("1e9 ns: %ld (%s)\n", r, outcome(r));

  /* From a child: sigqueue's value, uid and pid. */
  pid_t child = fork();
  if (child == 0) {
    usleep(100000);
    union sigval v = {.sival_int = 4242};
    sigqueue(getppid(), SIGUSR2, v);
    _exit(3);
  }
  memset(&si, 0, sizeof si);
  r = sigwaitinfo(&usr, &si);
  printf("sigqueue from a child: %ld, code %s, value %d, pid %s, uid %s\n", r, code_name(si.si_code),
         si.si_value.sival_int, si.si_pid == child ? "the child" : "other", si.si_uid == getuid() ? "ours" : "other");

  /* SIGCHLD blocked and waited for: si_status is the exit code. */
  memset(&si, 0, sizeof si);
  r = sigwaitinfo(&chld, &si);
  printf("SIGCHLD: %ld, code %s, status %d, pid %s\n", r, code_name(si.si_code), si.si_status,
         si.si_pid == child ? "the child" : "other");
  waitpid(child, NULL, 0);
  child = fork();
  if (child == 0) {
    pause();
    _exit(0);
  }
  kill(child, SIGTERM);
  memset(&si, 0, sizeof si);
  r = sigwaitinfo(&chld, &si);
  printf("SIGCHLD of a killed child: %ld, code %s, status %d\n", r, code_name(si.si_code), si.si_status);
  waitpid(child, NULL, 0);

  /* A handled signal that is not waited for interrupts the wait. */
  catch(SIGALRM, SA_RESTART);
  alarm(1);
  r = sigtimedwait(&usr, &si, NULL);
  printf("sigtimedwait interrupted: %ld (%s), handler got %d\n", r, outcome(r), got);

  /* rt_sigqueueinfo: a non-negative si_code is for the caller itself only. */
  memset(&si, 0, sizeof si);
  si.si_code = SI_USER;
  si.si_pid = getpid();
  r = syscall(SYS_rt_sigqueueinfo, getppid(), 0, &si);
  printf("rt_sigqueueinfo SI_USER to another: %ld (%s)\n", r, outcome(r));
  si.si_code = SI_QUEUE;
  si.si_value.sival_int = 77;
  r = syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &si);
  printf("rt_sigqueueinfo to itself: %ld (%s)\n", r, outcome(r));
  memset(&si, 0, sizeof si);
  r = sigwaitinfo(&usr, &si);
  printf("  taken: %ld, code %s, value %d\n", r, code_name(si.si_code), si.si_value.sival_int);
  r = syscall(SYS_rt_sigqueueinfo, getpid(), 65, &si);
  printf("rt_sigqueueinfo signal 65: %ld (%s)\n", r, outcome(r));

  /* sigsuspend: the handler runs with the old mask saved; the mask is back afterwards. */
  catch(SIGUSR1, SA_ONSTACK);
  stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
  sigaltstack(&ss, NULL);
  got = 0;
  child = fork();
  if (child == 0) {
    usleep(100000);
    union sigval v = {.sival_int = 9};
    sigqueue(getppid(), SIGUSR1, v);
    _exit(0);
  }
  r = sigsuspend(&none);
  sigprocmask(SIG_BLOCK, NULL, &mask);
  printf("sigsuspend: %ld (%s), handler got %d code %s value %d on the alternate stack %d, USR1 blocked again %d\n", r,
         outcome(r), got, code_name(got_code), got_value, on_alt, sigismember(&mask, SIGUSR1));
  waitpid(child, NULL, 0);
  stack_t old;
  sigaltstack(NULL, &old);
  printf("sigaltstack: size %zu, flags %d\n", old.ss_size, old.ss_flags);
  return 0;
}
