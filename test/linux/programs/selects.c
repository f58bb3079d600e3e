/* select, pselect6 and ppoll on pipes, a regular file and stdin: readiness, timeouts and the
 * time written back, fd_set bounds and errors, and the signal mask pselect6 and ppoll wait with.
 * The raw calls (_newselect, the old select with its argument block, pselect6 and ppoll with
 * 32-bit timespecs) as well as glibc's select, pselect and ppoll (the _time64 calls). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct timespec32 {
  int tv_sec;
  int tv_nsec;
};
struct timeval32 {
  int tv_sec;
  int tv_usec;
};

static volatile sig_atomic_t usr1;
static void on_usr1(int sig) {
  (void)sig;
  usr1++;
}

static const char *outcome(long r) { return r < 0 ? strerror(errno) : "ok"; }

static void show(const char *what, long r, fd_set *set, int n) {
  printf("%s: %ld (%s)", what, r, outcome(r));
  if (set) {
    printf(" set {");
    for (int fd = 0; fd < n; fd++)
      if (FD_ISSET(fd, set)) printf(" %d", fd);
    printf(" }");
  }
  printf("\n");
}

int main(void) {
  int p[2], q[2];
  if (pipe(p) != 0 || pipe(q) != 0) return 1;
  int file = open("data.txt", O_RDONLY);
  int n = 0;
  fd_set rd, wr;
  long r;

  /* An empty pipe: the timeout runs out; Linux writes the time left (0) back. */
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timeval tv = {0, 300000};
  r = select(p[0] + 1, &rd, NULL, NULL, &tv);
  show("select, empty pipe, 0.3 s", r, &rd, 16);
  printf("  time left %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);

  /* Data, the write end, a file and stdin are ready; a zero timeout does not wait. */
  (void)!write(p[1], "ab", 2);
  FD_ZERO(&rd);
  FD_ZERO(&wr);
  FD_SET(p[0], &rd);
  FD_SET(q[0], &rd);
  FD_SET(file, &rd);
  FD_SET(0, &rd);
  FD_SET(p[1], &wr);
  FD_SET(q[1], &wr);
  n = file + 1;
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  r = select(n, &rd, &wr, NULL, &tv);
  show("select, zero timeout", r, &rd, n);
  show("  writable", r, &wr, n);

  /* Raw _newselect: microseconds past a second carry over; a negative timeout is EINVAL. */
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timeval32 tv32 = {0, 1500000};
  r = syscall(SYS__newselect, p[0] + 1, &rd, NULL, NULL, &tv32);
  show("_newselect, data", r, &rd, 16);
  printf("  time left %s\n", tv32.tv_sec == 1 && tv32.tv_usec <= 500000 ? "at most 1.5 s" : "wrong");
  tv32.tv_sec = -1;
  r = syscall(SYS__newselect, p[0] + 1, &rd, NULL, NULL, &tv32);
  show("_newselect, negative timeout", r, NULL, 0);
  r = syscall(SYS__newselect, -1, NULL, NULL, NULL, NULL);
  show("_newselect, n = -1", r, NULL, 0);

  /* A descriptor that is not open is EBADF; a bit beyond n is not looked at. */
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  FD_SET(40, &rd);
  r = select(41, &rd, NULL, NULL, NULL);
  show("select, fd 40 not open", r, NULL, 0);
  r = select(p[0] + 1, &rd, NULL, NULL, NULL);
  show("select, fd 40 beyond n", r, &rd, 41);

  /* The old select: its five arguments in a block. */
  struct {
    long n;
    fd_set *in, *out, *ex;
    struct timeval32 *tvp;
  } block = {q[0] + 1, &rd, NULL, NULL, &tv32};
  FD_ZERO(&rd);
  FD_SET(q[0], &rd);
  tv32.tv_sec = 0;
  tv32.tv_usec = 200000;
  r = syscall(SYS_select, &block);
  show("old select, empty pipe, 0.2 s", r, &rd, 16);
  printf("  time left %d.%06d\n", tv32.tv_sec, tv32.tv_usec);

  /* The read end of a pipe without writers is ready (end of file); the write end of one
   * without readers is too (EPIPE). */
  close(q[1]);
  FD_ZERO(&rd);
  FD_SET(q[0], &rd);
  r = select(q[0] + 1, &rd, NULL, NULL, NULL);
  show("select, no writer", r, &rd, 16);

  /* pselect6 and ppoll, raw, with 32-bit timespecs. */
  char buffer[4];
  (void)!read(p[0], buffer, sizeof buffer);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timespec32 ts32 = {0, 250000000};
  r = syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &ts32, NULL);
  show("pselect6, empty pipe, 0.25 s", r, &rd, 16);
  printf("  time left %d.%09d\n", ts32.tv_sec, ts32.tv_nsec);
  struct pollfd pfd[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
  ts32.tv_sec = 0;
  ts32.tv_nsec = 100000000;
  r = syscall(SYS_ppoll, pfd, 2, &ts32, NULL, 8);
  printf("ppoll: %ld (%s), revents %#x %#x, time left %s\n", r, outcome(r), pfd[0].revents, pfd[1].revents,
         ts32.tv_sec == 0 && ts32.tv_nsec <= 100000000 ? "at most 0.1 s" : "wrong");
  ts32.tv_nsec = 1000000000;
  r = syscall(SYS_ppoll, pfd, 2, &ts32, NULL, 8);
  printf("ppoll, 1e9 ns: %ld (%s)\n", r, outcome(r));

  /* The _time64 calls: 64-bit seconds and nanoseconds. */
  struct {
    long long tv_sec, tv_nsec;
  } ts64 = {0, 150000000};
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  r = syscall(SYS_pselect6_time64, p[0] + 1, &rd, NULL, NULL, &ts64, NULL);
  show("pselect6_time64, empty pipe, 0.15 s", r, &rd, 16);
  printf("  time left %lld.%09lld\n", ts64.tv_sec, ts64.tv_nsec);
  ts64.tv_nsec = 120000000;
  r = syscall(SYS_ppoll_time64, pfd, 1, &ts64, NULL, 8);
  printf("ppoll_time64, empty pipe, 0.12 s: %ld (%s), time left %lld.%09lld\n", r, outcome(r), ts64.tv_sec,
         ts64.tv_nsec);
  ts64.tv_sec = -1;
  r = syscall(SYS_ppoll_time64, pfd, 1, &ts64, NULL, 8);
  printf("ppoll_time64, negative: %ld (%s)\n", r, outcome(r));

  /* The mask: SIGUSR1 is blocked, a child sends it; pselect with a mask without it is
   * interrupted, and the mask is back afterwards. */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t block_usr1, empty, now;
  sigemptyset(&block_usr1);
  sigaddset(&block_usr1, SIGUSR1);
  sigemptyset(&empty);
  sigprocmask(SIG_BLOCK, &block_usr1, NULL);
  pid_t child = fork();
  if (child == 0) {
    kill(getppid(), SIGUSR1);
    _exit(0);
  }
  waitpid(child, NULL, 0);
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  struct timespec ts = {2, 0};
  r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &block_usr1);
  printf("pselect keeping SIGUSR1 blocked: %ld (%s), handler ran %d\n", r, outcome(r), usr1);
  r = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty);
  sigprocmask(SIG_BLOCK, NULL, &now);
  printf("pselect unblocking it: %ld (%s), handler ran %d, blocked again %d\n", r, outcome(r), usr1,
         sigismember(&now, SIGUSR1));
  kill(getpid(), SIGUSR1);
  pfd[0].revents = 0;
  r = ppoll(pfd, 1, NULL, &empty);
  sigprocmask(SIG_BLOCK, NULL, &now);
  printf("ppoll unblocking it: %ld (%s), handler ran %d, blocked again %d\n", r, outcome(r), usr1,
         sigismember(&now, SIGUSR1));
  r = syscall(SYS_ppoll, pfd, 1, NULL, &empty, 4);
  printf("ppoll, sigset size 4: %ld (%s)\n", r, outcome(r));

  /* A writer in another process ends a wait without a timeout. */
  child = fork();
  if (child == 0) {
    usleep(200000);
    (void)!write(p[1], "z", 1);
    _exit(0);
  }
  FD_ZERO(&rd);
  FD_SET(p[0], &rd);
  r = select(p[0] + 1, &rd, NULL, NULL, NULL);
  show("select until a child writes", r, &rd, 16);
  waitpid(child, NULL, 0);

  /* No descriptors at all: a sleep. */
  tv.tv_sec = 0;
  tv.tv_usec = 100000;
  r = select(0, NULL, NULL, NULL, &tv);
  printf("select(0, ...) 0.1 s: %ld, time left %ld.%06ld\n", r, (long)tv.tv_sec, (long)tv.tv_usec);
  return 0;
}
