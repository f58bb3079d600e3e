/* fork in a threaded program: the child has only the thread that forked (the others' memory
   is copied, they do not run), can create threads of its own, and its exit status reaches
   the parent; meanwhile the parent's threads go on. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile int ticks_by_worker;
static int release, started;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  started = 1;
  pthread_cond_broadcast(&cond);
  while (!release) {
    ticks_by_worker++;
    pthread_cond_wait(&cond, &lock);
  }
  pthread_mutex_unlock(&lock);
  return (void *)7L;
}

static void *child_thread(void *arg) { return (void *)((long)arg + 1); }

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&lock);
  while (!started) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    /* The worker is not here: its counter never moves, and a thread of our own works. */
    int before = ticks_by_worker;
    pthread_t c;
    void *r;
    pthread_create(&c, NULL, child_thread, (void *)40L);
    pthread_join(c, &r);
    usleep(20000);
    printf("child: own thread returned %ld, the worker did not run here: %s\n", (long)r,
           ticks_by_worker == before ? "yes" : "no");
    exit(11);
  }
  int status;
  waitpid(pid, &status, 0);
  printf("parent: child exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  pthread_mutex_lock(&lock);
  release = 1;
  pthread_cond_broadcast(&cond);
  pthread_mutex_unlock(&lock);
  void *r;
  pthread_join(t, &r);
  printf("parent: worker returned %ld\n", (long)r);
  return 0;
}
