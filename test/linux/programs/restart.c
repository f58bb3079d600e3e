/* Calls a signal interrupts: read on an empty pipe, waitpid, select, poll, nanosleep and pause,
 * under a SIGALRM handler with and without SA_RESTART (Linux: only read, write and the waits are
 * made again, and only with SA_RESTART; a stop and a continue make any of them go on). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile sig_atomic_t wanted;
static int pipe_fds[2];

static void on_alarm(int sig) {
  (void)sig;
  hits++;
  if (hits < wanted) alarm(1);
  else if (wanted > 0) (void)!write(pipe_fds[1], "x", 1);
}

static void handler(int flags, int rounds) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sa.sa_flags = flags;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGALRM, &sa, NULL);
  hits = 0;
  wanted = rounds;
}

static const char *outcome(long r) { return r < 0 ? strerror(errno) : "ok"; }

int main(void) {
  char c = 0;
  long r;
  if (pipe(pipe_fds) != 0) return 1;

  handler(0, 0);
  alarm(1);
  r = read(pipe_fds[0], &c, 1);
  printf("read without SA_RESTART: %ld (%s), handler ran %d\n", r, outcome(r), hits);

  handler(SA_RESTART, 3);
  alarm(1);
  r = read(pipe_fds[0], &c, 1);
  printf("read with SA_RESTART: %ld '%c', handler ran %d\n", r, c, hits);

  pid_t child = fork();
  if (child == 0) {
    sleep(3);
    _exit(5);
  }
  handler(SA_RESTART, 0);
  alarm(1);
  int status = 0;
  r = waitpid(child, &status, 0);
  printf("waitpid with SA_RESTART: %s, status %d, handler ran %d\n", r == child ? "the child" : outcome(r),
         WEXITSTATUS(status), hits);

  child = fork();
  if (child == 0) {
    sleep(3);
    _exit(6);
  }
  handler(0, 0);
  alarm(1);
  r = waitpid(child, &status, 0);
  printf("waitpid without SA_RESTART: %ld (%s)\n", r, outcome(r));
  r = waitpid(child, &status, 0);
  printf("then: %s, status %d\n", r == child ? "the child" : outcome(r), WEXITSTATUS(status));

  handler(SA_RESTART, 0);
  alarm(1);
  fd_set set;
  FD_ZERO(&set);
  FD_SET(pipe_fds[0], &set);
  struct timeval tv = {5, 0};
  r = select(pipe_fds[0] + 1, &set, NULL, NULL, &tv);
  printf("select with SA_RESTART: %ld (%s), time left %s\n", r, outcome(r),
         tv.tv_sec >= 3 && tv.tv_sec < 5 ? "about 4 s" : "wrong");

  alarm(1);
  struct pollfd pfd = {pipe_fds[0], POLLIN, 0};
  r = poll(&pfd, 1, -1);
  printf("poll with SA_RESTART: %ld (%s)\n", r, outcome(r));

  alarm(1);
  struct timespec ts = {4, 0}, left = {0, 0};
  r = nanosleep(&ts, &left);
  printf("nanosleep with SA_RESTART: %ld (%s), left %s\n", r, outcome(r),
         left.tv_sec >= 2 && left.tv_sec < 4 ? "about 3 s" : "wrong");

  alarm(1);
  r = pause();
  printf("pause with SA_RESTART: %ld (%s), handler ran %d\n", r, outcome(r), hits);
  return 0;
}
