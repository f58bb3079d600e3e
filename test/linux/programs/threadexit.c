/* How a threaded process ends. Without arguments: three threads block on a condition variable
   nobody signals, the main thread blocks in pthread_join, and a fourth thread calls exit(3):
   the atexit handlers run, stdout is flushed and the whole process ends with status 3.
   With "main": the main thread calls pthread_exit while a worker still runs; the process
   lives on until the worker returns, and ends with status 0. With "group": a worker calls
   _exit(5) (exit_group) while the others block. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t started_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int started;
static const char *mode = "";

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
  atexit(at_exit);
  if (strcmp(mode, "main") == 0) {
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
