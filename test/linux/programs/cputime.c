/* CPU time: ITIMER_VIRTUAL and ITIMER_PROF fire while the program computes, times(),
 * getrusage(), clock() and the CPU-time clocks advance, and none of what it prints depends on
 * how fast the machine is. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t vtalrm, prof;
static volatile unsigned sink;

static void on_vtalrm(int sig) { (void)sig; vtalrm++; }
static void on_prof(int sig) { (void)sig; prof++; }

static void work(void) {
  for (unsigned i = 0; i < 20000; i++) sink = sink * 33 + i;
}

static long long ns(const struct timespec *t) { return t->tv_sec * 1000000000LL + t->tv_nsec; }
static long long us(const struct timeval *t) { return t->tv_sec * 1000000LL + t->tv_usec; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_vtalrm;
  sigaction(SIGVTALRM, &sa, 0);
  sa.sa_handler = on_prof;
  sigaction(SIGPROF, &sa, 0);

  /* An interval timer reads back its interval exactly and a value no larger than given. */
  struct itimerval set = {{0, 20000}, {0, 30000}}, got;
  printf("setitimer virtual: %d\n", setitimer(ITIMER_VIRTUAL, &set, 0));
  printf("getitimer virtual: %d\n", getitimer(ITIMER_VIRTUAL, &got));
  printf("interval %ld.%06ld, value > 0: %d\n", (long)got.it_interval.tv_sec, (long)got.it_interval.tv_usec,
         us(&got.it_value) > 0);
  while (vtalrm < 5) sink = sink * 33 + 1;
  struct itimerval off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_VIRTUAL, &off, &got);
  printf("SIGVTALRM arrived %d times\n", (int)vtalrm);
  printf("old interval %ld.%06ld\n", (long)got.it_interval.tv_sec, (long)got.it_interval.tv_usec);
  getitimer(ITIMER_VIRTUAL, &got);
  printf("disarmed: value %ld.%06ld\n", (long)got.it_value.tv_sec, (long)got.it_value.tv_usec);

  /* The profiler's timer counts user and system time. */
  struct itimerval p = {{0, 10000}, {0, 10000}};
  setitimer(ITIMER_PROF, &p, 0);
  while (prof < 3) {
    work();
    getppid();
  }
  setitimer(ITIMER_PROF, &off, 0);
  printf("SIGPROF arrived %s\n", prof >= 3 ? "at least 3 times" : "too few times");

  /* Bad arguments. */
  printf("setitimer(7): %d\n", setitimer(7, &set, 0));
  struct itimerval bad = {{0, 0}, {0, 1000000}};
  printf("setitimer(usec 1000000): %d\n", setitimer(ITIMER_PROF, &bad, 0));

  /* The counters move forward, and CPU time was spent. */
  struct tms t0, t1;
  struct rusage r0, r1, thread, children;
  struct timespec p0, p1, th;
  clock_t c0 = clock();
  times(&t0);
  getrusage(RUSAGE_SELF, &r0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p0);
  for (int i = 0; i < 20; i++) work();
  /* The thread's before the process's: each read is later than the one before. */
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &th);
  getrusage(RUSAGE_THREAD, &thread);
  clock_t c1 = clock();
  times(&t1);
  getrusage(RUSAGE_SELF, &r1);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &p1);
  getrusage(RUSAGE_CHILDREN, &children);
  printf("clock: monotonic %d, advanced %d\n", c1 >= c0, c1 > 0);
  printf("times: utime monotonic %d, stime monotonic %d, utime > 0 %d\n", t1.tms_utime >= t0.tms_utime,
         t1.tms_stime >= t0.tms_stime, t1.tms_utime > 0);
  printf("times: no children %d %d\n", (int)t1.tms_cutime, (int)t1.tms_cstime);
  printf("getrusage: utime monotonic %d, stime monotonic %d, utime > 0 %d\n", us(&r1.ru_utime) >= us(&r0.ru_utime),
         us(&r1.ru_stime) >= us(&r0.ru_stime), us(&r1.ru_utime) > 0);
  printf("getrusage: usec in range %d %d\n", r1.ru_utime.tv_usec < 1000000, r1.ru_stime.tv_usec < 1000000);
  printf("getrusage: maxrss > 0 %d, minflt > 0 %d\n", r1.ru_maxrss > 0, r1.ru_minflt > 0);
  printf("thread: utime > 0 %d, no more than the process %d\n", us(&thread.ru_utime) > 0,
         us(&thread.ru_utime) <= us(&r1.ru_utime));
  printf("children: %lld %lld %ld\n", us(&children.ru_utime), us(&children.ru_stime), children.ru_maxrss);
  printf("process clock: monotonic %d, > 0 %d, nsec in range %d\n", ns(&p1) >= ns(&p0), ns(&p1) > 0,
         p1.tv_nsec < 1000000000);
  printf("thread clock > 0 %d, no more than the process %d\n", ns(&th) > 0, ns(&th) <= ns(&p1));
  printf("getrusage(5): %d\n", getrusage(5, &r0));
  struct timespec res;
  int rc = clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res);
  printf("clock_getres: %d %ld.%09ld\n", rc, (long)res.tv_sec, res.tv_nsec);
  printf("clock_getres(99): %d\n", clock_getres(99, &res));
  return 0;
}
