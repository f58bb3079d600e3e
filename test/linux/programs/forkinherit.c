/* What a forked child inherits and what it does not (fork(2)): interval timers and pending
 * alarms are cleared in the child, its CPU times start at zero; the parent's timers go on. The output does not depend on
 * timing: only "zero" / "not zero" is printed. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned sink;

static void burn(void) {
  for (unsigned i = 0; i < 1000000; i++) sink += i * 7;
}

static int timer_set(int which) {
  struct itimerval v;
  getitimer(which, &v);
  return v.it_value.tv_sec != 0 || v.it_value.tv_usec != 0 || v.it_interval.tv_sec != 0 ||
         v.it_interval.tv_usec != 0;
}

int main(void) {
  struct itimerval v = {{100, 0}, {100, 0}};
  setitimer(ITIMER_VIRTUAL, &v, 0);
  setitimer(ITIMER_PROF, &v, 0);
  alarm(1000);
  burn();
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    struct tms t;
    times(&t);
    printf("child: virtual %s, prof %s, alarm %s\n", timer_set(ITIMER_VIRTUAL) ? "set" : "clear",
           timer_set(ITIMER_PROF) ? "set" : "clear", alarm(0) ? "pending" : "none");
    printf("child: user and system ticks %s\n", t.tms_utime + t.tms_stime == 0 ? "zero" : "not zero");
    fflush(stdout);
    _exit(0);
  }
  int status;
  waitpid(pid, &status, 0);
  printf("parent: virtual %s, prof %s, alarm %s\n", timer_set(ITIMER_VIRTUAL) ? "set" : "clear",
         timer_set(ITIMER_PROF) ? "set" : "clear", alarm(0) ? "pending" : "none");
  printf("parent: child status %d\n", WEXITSTATUS(status));
  return 0;
}
