/* How a threaded process ends. Without arguments: three threads block on a condition variable
   nobody signals, the main thread blocks in pthread_join, and a fourth thread calls exit(3):
   the atexit handlers run, stdout is flushed and the whole process ends with status 3.
   With "main": the main thread calls pthread_exit while a worker still runs; the process
   lives on until the worker returns, and ends with status 0. With "group": a worker calls
   _exit(5) (exit_group) while the others block. With "exec PATH": a worker calls execve of PATH
   with "main" while the others block: they end, and the new image's main thread has the
   process's id as its thread id. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int started;
static const char *mode = "";
static char *exec_path;

static void at_exit(void) { printf("atexit handler ran (%d threads were blocked)\n", started); }

static void *blocker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  started++;
  pthread_cond_signal(&started_cond);
  for (;;) pthread_cond_wait(&never, &lock);
  return NULL;
}

static void *exiter(void *arg) {
  (void)arg;
  if (strcmp(mode, "group") == 0) {
    printf("worker calls _exit(5)\n");
    fflush(stdout);
    _exit(5);
  }
  if (strcmp(mode, "exec") == 0) {
    printf("worker calls execve\n");
    fflush(stdout);
    char *args[] = {exec_path, "main", NULL};
    execv(exec_path, args);
    perror("execv");
    _exit(127);
  }
  printf("worker calls exit(3)\n");
  exit(3);
}

static void *survivor(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    usleep(20000);
    printf("survivor still running: %d\n", i);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1) mode = argv[1];
  if (argc > 2) exec_path = argv[2];
  atexit(at_exit);
  if (strcmp(mode, "main") == 0) {
    printf("main thread's id is the process's: %s\n", syscall(SYS_gettid) == getpid() ? "yes" : "no");
    pthread_t s;
    pthread_create(&s, NULL, survivor, NULL);
    printf("main thread calls pthread_exit\n");
    fflush(stdout);
    pthread_exit(NULL);
  }
  pthread_t b[3], e;
  for (int i = 0; i < 3; i++) pthread_create(&b[i], NULL, blocker, NULL);
  pthread_mutex_lock(&lock);
  while (started < 3) pthread_cond_wait(&started_cond, &lock);
  pthread_mutex_unlock(&lock);
  printf("three threads blocked\n");
  pthread_create(&e, NULL, exiter, NULL);
  pthread_join(e, NULL);
  printf("not reached\n");
  return 1;
}
