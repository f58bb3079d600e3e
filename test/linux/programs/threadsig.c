/* Signals and threads: pthread_kill runs the handler in the thread it names; a signal sent to
   the process (kill) goes to the one thread that does not block it; each thread has its own
   mask (pthread_sigmask) and its own alternate signal stack; raise() in a thread is for that
   thread. The waits use sigsuspend with the signal blocked, so nothing is lost or raced. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_tid, usr2_tid, on_alt_stack;
static long worker_tid[2];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;
static char alt[2][65536];

static long gettid_(void) { return syscall(SYS_gettid); }

static void on_usr1(int sig) {
  (void)sig;
  usr1_tid = gettid_();
  stack_t ss;
  sigaltstack(NULL, &ss);
  on_alt_stack = (ss.ss_flags & SS_ONSTACK) != 0;
}
static void on_usr2(int sig) {
  (void)sig;
  usr2_tid = gettid_();
}

static void *worker(void *arg) {
  int me = (int)(long)arg;
  worker_tid[me] = gettid_();
  stack_t ss = {.ss_sp = alt[me], .ss_size = sizeof alt[me], .ss_flags = 0};
  if (me == 0) sigaltstack(&ss, NULL);
  sigset_t block, wait_mask;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  if (me == 0) sigaddset(&block, SIGUSR2); /* worker 0 never takes SIGUSR2 */
  pthread_sigmask(SIG_BLOCK, &block, NULL);
  pthread_mutex_lock(&lock);
  ready++;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&lock);
  sigemptyset(&wait_mask);
  if (me == 0) {
    sigaddset(&wait_mask, SIGUSR2);
    while (!usr1_tid) sigsuspend(&wait_mask); /* SIGUSR1 only */
  } else {
    while (!usr2_tid) sigsuspend(&wait_mask);
  }
  /* raise() in a thread: delivered to this thread. */
  sigset_t unblock;
  sigemptyset(&unblock);
  sigaddset(&unblock, SIGUSR1);
  pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
  return NULL;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);
  sa.sa_handler = on_usr2;
  sa.sa_flags = 0;
  sigaction(SIGUSR2, &sa, NULL);
  /* The main thread blocks both: only the workers can take them. */
  sigset_t both;
  sigemptyset(&both);
  sigaddset(&both, SIGUSR1);
  sigaddset(&both, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &both, NULL);

  pthread_t t[2];
  for (long i = 0; i < 2; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  pthread_mutex_lock(&lock);
  while (ready < 2) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);

  pthread_kill(t[0], SIGUSR1);
  kill(getpid(), SIGUSR2);
  for (int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  printf("SIGUSR1 from pthread_kill ran in worker 0: %s\n", usr1_tid == worker_tid[0] ? "yes" : "no");
  printf("on worker 0's alternate stack: %s\n", on_alt_stack ? "yes" : "no");
  printf("SIGUSR2 to the process ran in worker 1 (the only one not blocking it): %s\n",
         usr2_tid == worker_tid[1] ? "yes" : "no");

  sigset_t pending;
  sigpending(&pending);
  printf("main: nothing pending: %s\n", sigismember(&pending, SIGUSR1) || sigismember(&pending, SIGUSR2) ? "no" : "yes");
  printf("pthread_kill(self, 0): %d\n", pthread_kill(pthread_self(), 0));

  /* A signal to the process that every thread blocks stays pending until one unblocks it. */
  usr2_tid = 0;
  kill(getpid(), SIGUSR2);
  sigpending(&pending);
  printf("blocked SIGUSR2 pending for the process: %s\n", sigismember(&pending, SIGUSR2) ? "yes" : "no");
  pthread_sigmask(SIG_UNBLOCK, &both, NULL);
  printf("taken by main once unblocked: %s\n", usr2_tid == getpid() ? "yes" : "no");
  return 0;
}
