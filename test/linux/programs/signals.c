/* Signal handlers: raise, kill, tgkill, sigaction flags (SA_SIGINFO, SA_RESETHAND, SA_NODEFER,
 * SA_ONSTACK), masks (blocked then unblocked, sigpending, sigsuspend), alarm with pause,
 * setitimer/getitimer. Prints what a handler saw, never an address. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile int count[65];
static volatile int last_code, last_pid_ok, depth, max_depth, on_alt;
static char alt[65536];

static void plain(int sig) { count[sig]++; }

static void info(int sig, siginfo_t *si, void *uc) {
  count[sig]++;
  last_code = si->si_code;
  last_pid_ok = si->si_pid == getpid() && si->si_signo == sig && uc != NULL;
}

static void nested(int sig) {
  count[sig]++;
  depth++;
  if (depth > max_depth) max_depth = depth;
  if (count[sig] < 3) raise(sig);
  depth--;
}

static void where(int sig) {
  char here;
  count[sig]++;
  on_alt = &here >= alt && &here < alt + sizeof alt;
}

static void show_pending(const char *what) {
  sigset_t p;
  sigpending(&p);
  printf("%s: pending USR1 %d USR2 %d\n", what, sigismember(&p, SIGUSR1), sigismember(&p, SIGUSR2));
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);

  signal(SIGUSR1, plain);
  raise(SIGUSR1);
  kill(getpid(), SIGUSR1);
  syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
  printf("USR1 handled %d times\n", count[SIGUSR1]);

  sa.sa_sigaction = info;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &sa, NULL);
  kill(getpid(), SIGUSR2);
  printf("kill: code %d (SI_USER %d) pid/signo ok %d\n", last_code, SI_USER, last_pid_ok);
  raise(SIGUSR2);
  printf("raise: code %d (SI_TKILL %d)\n", last_code, SI_TKILL);

  /* Blocked, then pending, then delivered when unblocked. */
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  raise(SIGUSR1);
  raise(SIGUSR1);
  printf("while blocked: %d\n", count[SIGUSR1]);
  show_pending("blocked");
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("after unblocking: %d (one instance)\n", count[SIGUSR1]);
  show_pending("unblocked");

  /* SA_RESETHAND: the second one takes the default action, here SIGCHLD's (ignore). */
  sa.sa_handler = plain;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGCHLD, &sa, NULL);
  raise(SIGCHLD);
  raise(SIGCHLD);
  struct sigaction now;
  sigaction(SIGCHLD, NULL, &now);
  printf("SIGCHLD handled %d, handler reset %d\n", count[SIGCHLD], now.sa_handler == SIG_DFL);

  /* SA_NODEFER lets the handler be entered again; without it the signal waits. */
  sa.sa_handler = nested;
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGHUP, &sa, NULL);
  raise(SIGHUP);
  printf("NODEFER: handled %d, deepest %d\n", count[SIGHUP], max_depth);
  max_depth = 0;
  count[SIGHUP] = 0;
  sa.sa_flags = 0;
  sigaction(SIGHUP, &sa, NULL);
  raise(SIGHUP);
  printf("deferred: handled %d, deepest %d\n", count[SIGHUP], max_depth);

  /* sa_mask: USR2 raised inside the USR1 handler waits for it to end. */
  sigaltstack(&(stack_t){.ss_sp = alt, .ss_size = sizeof alt}, NULL);
  sa.sa_handler = where;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGTERM, &sa, NULL);
  raise(SIGTERM);
  printf("SA_ONSTACK: on the alternate stack %d\n", on_alt);
  sa.sa_flags = 0;
  sigaction(SIGTERM, &sa, NULL);
  raise(SIGTERM);
  printf("without SA_ONSTACK: on the alternate stack %d\n", on_alt);
  stack_t cur;
  sigaltstack(NULL, &cur);
  printf("sigaltstack: size %zu flags %d\n", cur.ss_size, cur.ss_flags);
  errno = 0;
  int r = sigaltstack(&(stack_t){.ss_sp = alt, .ss_size = 100}, NULL);
  printf("too small: %d errno %d\n", r, errno);

  /* sigsuspend waits with USR1 unblocked; the old mask comes back. */
  sigprocmask(SIG_BLOCK, &set, NULL);
  raise(SIGUSR1);
  sigset_t wait;
  sigemptyset(&wait);
  errno = 0;
  r = sigsuspend(&wait);
  sigset_t after;
  sigprocmask(SIG_SETMASK, NULL, &after);
  printf("sigsuspend %d errno %d, USR1 blocked again %d, count %d\n", r, errno, sigismember(&after, SIGUSR1),
         count[SIGUSR1]);
  sigprocmask(SIG_UNBLOCK, &set, NULL);

  /* alarm and pause on the emulated clock. */
  signal(SIGALRM, plain);
  printf("alarm before: %u\n", alarm(1));
  printf("alarm left: %u\n", alarm(2));
  errno = 0;
  r = pause();
  printf("pause %d errno %d, SIGALRM %d\n", r, errno, count[SIGALRM]);

  alarm(1);
  unsigned left = sleep(5);
  printf("sleep interrupted: about 4 s left %d, SIGALRM %d\n", left == 3 || left == 4, count[SIGALRM]);
  struct timespec req = {3, 0}, rem = {0, 0};
  alarm(1);
  errno = 0;
  r = nanosleep(&req, &rem);
  printf("nanosleep %d errno %d, about 2 s left %d\n", r, errno, rem.tv_sec == 1 || rem.tv_sec == 2);

  struct itimerval it = {.it_interval = {0, 20000}, .it_value = {0, 30000}};
  setitimer(ITIMER_REAL, &it, NULL);
  while (count[SIGALRM] < 6) pause();
  struct itimerval g;
  getitimer(ITIMER_REAL, &g);
  printf("itimer: SIGALRM %d, interval %ld.%06ld\n", count[SIGALRM], (long)g.it_interval.tv_sec,
         (long)g.it_interval.tv_usec);
  memset(&it, 0, sizeof it);
  setitimer(ITIMER_REAL, &it, NULL);
  getitimer(ITIMER_REAL, &g);
  printf("disarmed: %ld %ld\n", (long)g.it_value.tv_sec, (long)g.it_value.tv_usec);

  /* Ignored signals vanish, kill 0 checks. */
  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("ignored: %d, kill 0: %d\n", count[SIGUSR1], kill(getpid(), 0));
  errno = 0;
  r = kill(getpid(), 99);
  printf("bad signal: %d errno %d\n", r, errno);
  errno = 0;
  r = sigaction(SIGKILL, &sa, NULL);
  printf("SIGKILL action: %d errno %d\n", r, errno);
  fflush(stdout);
  signal(SIGTERM, SIG_DFL);
  raise(SIGTERM);
  printf("not reached\n");
  return 0;
}
