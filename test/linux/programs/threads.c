/* POSIX threads: create and join with return values, a mutex-protected counter over eight
   threads, __thread variables per thread, pthread_once, pthread_detach, pthread_self and
   gettid. Everything is printed by the main thread after the joins, so the output does not
   depend on the order the threads ran in. */
#define _GNU_SOURCE
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { THREADS = 8, ROUNDS = 5000 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread long mine = 1000;
static __thread char name[16] = "main";
static long seen_tls[THREADS];
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_calls;
static long tids[THREADS];
static int distinct_self = 1;
static pthread_t selves[THREADS];
static sem_t detached_done;
static int detached_value;

static void init_once(void) { once_calls++; }

static void *square(void *arg) {
  long n = (long)arg;
  pthread_once(&once, init_once);
  mine += n; /* this thread's copy only */
  snprintf(name, sizeof name, "worker%ld", n);
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    if (i % 1000 == 0) sched_yield();
  }
  seen_tls[n] = mine * 100 + (name[6] - '0');
  tids[n] = syscall(SYS_gettid);
  selves[n] = pthread_self();
  return (void *)(n * n);
}

static void *detached(void *arg) {
  __sync_fetch_and_add(&detached_value, (int)(long)arg * 3);
  sem_post(&detached_done);
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++) {
    int e = pthread_create(&t[i], NULL, square, (void *)i);
    if (e) {
      printf("pthread_create %ld: %d\n", i, e);
      return 1;
    }
  }
  long sum = 0;
  for (int i = 0; i < THREADS; i++) {
    void *r;
    int e = pthread_join(t[i], &r);
    printf("join %d: error %d, returned %ld\n", i, e, (long)r);
    sum += (long)r;
  }
  printf("sum of squares %ld\n", sum);
  printf("counter %ld (expected %d)\n", counter, THREADS * ROUNDS);
  printf("once ran %d time(s)\n", once_calls);
  for (int i = 0; i < THREADS; i++) printf("thread %d saw its own __thread value %ld\n", i, seen_tls[i]);
  printf("main's __thread: %ld %s\n", mine, name);
  long pid = getpid(), self = syscall(SYS_gettid);
  printf("main's tid is the pid: %s\n", self == pid ? "yes" : "no");
  for (int i = 0; i < THREADS; i++) {
    if (tids[i] == pid || tids[i] <= 0) distinct_self = 0;
    for (int j = 0; j < i; j++)
      if (tids[i] == tids[j] || pthread_equal(selves[i], selves[j])) distinct_self = 0;
  }
  printf("every thread had its own tid and pthread_t: %s\n", distinct_self ? "yes" : "no");

  sem_init(&detached_done, 0, 0);
  pthread_t d;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&d, &attr, detached, (void *)14);
  pthread_t d2;
  pthread_create(&d2, NULL, detached, (void *)5);
  printf("pthread_detach: %d\n", pthread_detach(d2));
  sem_wait(&detached_done);
  sem_wait(&detached_done);
  printf("detached threads ran: %d\n", detached_value);
  return 0;
}
