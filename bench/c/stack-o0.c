/* Built with -O0: every local lives on the stack and every call builds a frame. Recursive
 * Fibonacci plus an Ackermann call per pass. */
#include "common.h"

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned ackermann(unsigned m, unsigned n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    unsigned sum = 0;
    for (int p = 0; p < passes; p++) sum = sum * 31 + fib(20 + (p & 1)) + ackermann(2, 100 + (p & 3));
    return report("stack-o0", sum);
}
