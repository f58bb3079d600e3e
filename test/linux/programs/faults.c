/* CPU faults become signals: a SIGSEGV/SIGFPE/SIGILL/SIGTRAP/SIGBUS handler sees the signal,
 * si_code, whether si_addr is the faulting address, the trap number and error code in the
 * ucontext, and leaves by siglongjmp. Ends with an unhandled SIGSEGV (status 139). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf back;
static volatile int seen_sig, seen_code, seen_trapno, seen_err, addr_ok, mask_in_handler;
static volatile void *expect_addr;

static void catcher(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  sigset_t now;
  seen_sig = sig;
  seen_code = si->si_code;
  addr_ok = si->si_addr == expect_addr;
  seen_trapno = uc->uc_mcontext.gregs[REG_TRAPNO];
  seen_err = uc->uc_mcontext.gregs[REG_ERR];
  sigprocmask(SIG_SETMASK, NULL, &now);
  mask_in_handler = sigismember(&now, sig);
  siglongjmp(back, 1);
}

static void report(const char *what) {
  printf("%-14s sig %2d code %3d addr ok %d trapno %2d err %d blocked in handler %d\n", what, seen_sig, seen_code,
         addr_ok, seen_trapno, seen_err, mask_in_handler);
  seen_sig = seen_code = seen_trapno = seen_err = addr_ok = mask_in_handler = 0;
}

static volatile int zero = 0;

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = catcher;
  sa.sa_flags = SA_SIGINFO;
  int sigs[] = {SIGSEGV, SIGFPE, SIGILL, SIGTRAP, SIGBUS};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);

  expect_addr = (void *)16;
  if (!sigsetjmp(back, 1)) (void)*(volatile int *)16;
  report("null read");

  expect_addr = (void *)0x20;
  if (!sigsetjmp(back, 1)) *(volatile int *)0x20 = 1;
  report("null write");

  char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  page[0] = 1;
  mprotect(page, 4096, PROT_READ);
  expect_addr = page + 8;
  if (!sigsetjmp(back, 1)) page[8] = 2;
  report("read-only");

  mprotect(page + 4096, 4096, PROT_NONE);
  expect_addr = page + 4096 + 100;
  if (!sigsetjmp(back, 1)) (void)((volatile char *)page)[4096 + 100];
  report("PROT_NONE");

  munmap(page, 8192);
  expect_addr = page + 4;
  if (!sigsetjmp(back, 1)) (void)((volatile char *)page)[4];
  report("unmapped");

  expect_addr = NULL;
  if (!sigsetjmp(back, 1)) printf("%d\n", 10 / zero);
  report("divide by 0");

  if (!sigsetjmp(back, 1)) {
    volatile int a = -2147483647 - 1, b = -1;
    printf("%d\n", a / b);
  }
  report("INT_MIN / -1");

  if (!sigsetjmp(back, 1)) __asm__ volatile("ud2");
  report("ud2");

  if (!sigsetjmp(back, 1)) __asm__ volatile("int3");
  report("int3");

  if (!sigsetjmp(back, 1)) __asm__ volatile("hlt");
  report("hlt");

  if (!sigsetjmp(back, 1)) __asm__ volatile("int $0x40");
  report("int 0x40");

  if (!sigsetjmp(back, 1)) __asm__ volatile("cli");
  report("cli");

  /* The mask comes back with siglongjmp(…, 1): a second fault is caught again. */
  expect_addr = (void *)8;
  if (!sigsetjmp(back, 1)) (void)*(volatile int *)8;
  report("again");

  fflush(stdout);
  signal(SIGSEGV, SIG_DFL);
  (void)*(volatile int *)12;
  printf("not reached\n");
  return 0;
}
