/* clocks: time(), gettimeofday(), clock_gettime() on both clocks, and that nanosleep(0.2 s)
 * moves CLOCK_MONOTONIC on by at least 200 ms. Built with gcc -m32 -static. Prints "ok" lines
 * only, so the output is the same natively and on i386 Lab. */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

int main(void) {
    time_t t = time(NULL);
    struct timeval tv;
    struct timespec rt, m0, m1, nap = { 0, 200000000 };
    gettimeofday(&tv, NULL);
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("realtime %s\n", (rt.tv_sec - t) <= 1 && (tv.tv_sec - t) <= 1 && t > 0 ? "ok" : "inconsistent");
    clock_gettime(CLOCK_MONOTONIC, &m0);
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &m1);
    long ms = (m1.tv_sec - m0.tv_sec) * 1000 + (m1.tv_nsec - m0.tv_nsec) / 1000000;
    printf("slept %s\n", ms >= 200 && ms < 2000 ? "ok" : "wrong");
    return 0;
}
