/* The x87 and signals: an unmasked x87 divide by zero is SIGFPE with FPE_FLTDIV, and a handler
 * left by siglongjmp starts from a fresh FPU, so the pending exception does not come back;
 * handlers that compute with the FPU while the interval timer interrupts a floating-point
 * loop leave the loop's registers as they were (the frame keeps them, sigreturn restores them). */
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static sigjmp_buf back;
static volatile int code, ticks;
static volatile double in_handler;

static void fpe(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  code = si->si_code;
  siglongjmp(back, sig);
}

static void tick(int sig) {
  (void)sig;
  volatile double x = 3.0;
  for (int i = 0; i < 50; i++) x = x * 1.5 - 2.25;
  in_handler += x;
  ticks++;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_sigaction = fpe;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, NULL);
  volatile double z = 0.0, one = 1.0;
  feenableexcept(FE_DIVBYZERO);
  int s = sigsetjmp(back, 1);
  if (!s) {
    volatile double r = one / z;
    (void)r;
  }
  printf("x87 divide by zero: signal %d code %d (FPE_FLTDIV %d)\n", s, code, FPE_FLTDIV);
  fedisableexcept(FE_ALL_EXCEPT);
  volatile double after = one / 4.0;
  printf("the FPU works after siglongjmp: %g\n", after);

  long double reference = 0;
  for (int i = 1; i < 2000; i++) reference += 1.0L / ((long double)i * i);
  signal(SIGALRM, tick);
  struct itimerval it = {{0, 10000}, {0, 10000}};
  setitimer(ITIMER_REAL, &it, NULL);
  int rounds = 0, wrong = 0;
  while (ticks < 20) {
    long double acc = 0;
    for (int i = 1; i < 2000; i++) acc += 1.0L / ((long double)i * i);
    wrong += acc != reference;
    rounds++;
  }
  it = (struct itimerval){{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &it, NULL);
  printf("sum %.15Lf, rounds that differ %d, some %d, handler result %.6f each\n", reference, wrong, rounds > 0,
         in_handler / ticks);
  return 0;
}
