/* Threads that wait for each other: a bounded queue with a mutex and two condition variables
   (three producers, two consumers), counting semaphores, a barrier reused over several
   phases, pthread_cond_broadcast, and a timed wait that times out. Printed after the joins. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

enum { PRODUCERS = 3, CONSUMERS = 2, ITEMS = 200, SLOTS = 4, WORKERS = 4, PHASES = 5 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static int queue[SLOTS], head, count, producers_left = PRODUCERS;
static long consumed_sum[CONSUMERS], consumed_count[CONSUMERS];

static void *producer(void *arg) {
  int base = (int)(long)arg * ITEMS;
  for (int i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&lock);
    while (count == SLOTS) pthread_cond_wait(&not_full, &lock);
    queue[(head + count) % SLOTS] = base + i;
    count++;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  producers_left--;
  pthread_cond_broadcast(&not_empty);
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void *consumer(void *arg) {
  int me = (int)(long)arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (count == 0 && producers_left > 0) pthread_cond_wait(&not_empty, &lock);
    if (count == 0) {
      pthread_mutex_unlock(&lock);
      return NULL;
    }
    int v = queue[head];
    head = (head + 1) % SLOTS;
    count--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&lock);
    consumed_sum[me] += v;
    consumed_count[me]++;
  }
}

static sem_t tokens, done;
static pthread_mutex_t sem_lock = PTHREAD_MUTEX_INITIALIZER;
static int inside, most_inside;

static void *limited(void *arg) {
  (void)arg;
  for (int i = 0; i < 50; i++) {
    sem_wait(&tokens);
    pthread_mutex_lock(&sem_lock);
    if (++inside > most_inside) most_inside = inside;
    pthread_mutex_unlock(&sem_lock);
    sched_yield();
    pthread_mutex_lock(&sem_lock);
    inside--;
    pthread_mutex_unlock(&sem_lock);
    sem_post(&tokens);
  }
  sem_post(&done);
  return NULL;
}

static pthread_barrier_t barrier;
static int phase_values[PHASES][WORKERS];
static int serial_count;
static int phase_ok = 1;

static void *phased(void *arg) {
  int me = (int)(long)arg;
  for (int p = 0; p < PHASES; p++) {
    phase_values[p][me] = p * 10 + me;
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) __sync_fetch_and_add(&serial_count, 1);
    /* Every worker's value of this phase is there once the barrier is passed. */
    for (int w = 0; w < WORKERS; w++)
      if (phase_values[p][w] != p * 10 + w) phase_ok = 0;
    pthread_barrier_wait(&barrier);
  }
  return NULL;
}

int main(void) {
  pthread_t p[PRODUCERS], c[CONSUMERS];
  for (long i = 0; i < CONSUMERS; i++) pthread_create(&c[i], NULL, consumer, (void *)i);
  for (long i = 0; i < PRODUCERS; i++) pthread_create(&p[i], NULL, producer, (void *)i);
  for (int i = 0; i < PRODUCERS; i++) pthread_join(p[i], NULL);
  for (int i = 0; i < CONSUMERS; i++) pthread_join(c[i], NULL);
  long total = 0, items = 0;
  for (int i = 0; i < CONSUMERS; i++) total += consumed_sum[i], items += consumed_count[i];
  long n = PRODUCERS * ITEMS;
  printf("consumed %ld items, sum %ld (expected %ld)\n", items, total, n * (n + 1) / 2);

  sem_init(&tokens, 0, 2);
  sem_init(&done, 0, 0);
  pthread_t l[5];
  for (int i = 0; i < 5; i++) pthread_create(&l[i], NULL, limited, NULL);
  for (int i = 0; i < 5; i++) sem_wait(&done);
  for (int i = 0; i < 5; i++) pthread_join(l[i], NULL);
  int value;
  sem_getvalue(&tokens, &value);
  printf("semaphore: at most %s inside, value back to %d\n", most_inside <= 2 ? "two" : "MORE", value);
  int r = sem_trywait(&done);
  printf("sem_trywait on an empty semaphore: %d errno %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");

  pthread_barrier_init(&barrier, NULL, WORKERS);
  pthread_t w[WORKERS];
  for (long i = 0; i < WORKERS; i++) pthread_create(&w[i], NULL, phased, (void *)i);
  for (int i = 0; i < WORKERS; i++) pthread_join(w[i], NULL);
  pthread_barrier_destroy(&barrier);
  printf("barrier: %d phases, all values seen %s, one serial thread per phase: %s\n", PHASES,
         phase_ok ? "yes" : "no", serial_count == PHASES ? "yes" : "no");

  pthread_mutex_lock(&lock);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 30 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000) deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
  int e = pthread_cond_timedwait(&not_empty, &lock, &deadline);
  pthread_mutex_unlock(&lock);
  printf("timed wait nobody signals: %s\n", e == ETIMEDOUT ? "ETIMEDOUT" : "?");
  struct timespec past = {0, 0};
  sem_init(&tokens, 0, 0);
  r = sem_timedwait(&tokens, &past);
  printf("sem_timedwait in the past: %d %s\n", r, errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
  return 0;
}
