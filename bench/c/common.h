/* Shared by the C bench programs: the pass count from argv[1] (default 1) and the checksum
 * line every program ends with, so the three runs (i386-lab, native, qemu-i386) can be
 * compared byte for byte before they are timed. */
#include <stdio.h>
#include <stdlib.h>

static int passes_from(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1;
    return n < 0 ? 0 : n;
}

static int report(const char *name, unsigned sum) {
    printf("%s %08x\n", name, sum);
    return 0;
}
