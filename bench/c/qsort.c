/* The C library's qsort with a comparator function over 20,000 pseudo-random ints per pass:
 * indirect calls into the comparator, the library's own code. */
#include "common.h"

#define COUNT 20000
static int values[COUNT];

static int compare(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    unsigned seed = 2024, sum = 0;
    for (int p = 0; p < passes; p++) {
        for (int i = 0; i < COUNT; i++) {
            seed = seed * 1664525u + 1013904223u;
            values[i] = (int)(seed >> 1) - 0x20000000;
        }
        qsort(values, COUNT, sizeof values[0], compare);
        for (int i = 0; i < COUNT; i += 97) sum = sum * 33 + (unsigned)values[i];
        for (int i = 1; i < COUNT; i++)
            if (values[i - 1] > values[i]) return report("qsort unsorted", (unsigned)i);
    }
    return report("qsort", sum);
}
