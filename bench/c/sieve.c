/* Sieve of Eratosthenes over 0..1,000,000 once per pass: byte stores with a stride. */
#include "common.h"

#define LIMIT 1000000
static unsigned char composite[LIMIT + 1];

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    unsigned sum = 0;
    for (int p = 0; p < passes; p++) {
        for (int i = 0; i <= LIMIT; i++) composite[i] = 0;
        unsigned count = 0;
        for (int i = 2; i <= LIMIT; i++) {
            if (composite[i]) continue;
            count++;
            if (i > LIMIT / i) continue;
            for (int j = i * i; j <= LIMIT; j += i) composite[j] = 1;
        }
        sum = sum * 31 + count;
    }
    return report("sieve", sum);
}
