/* fork of a process with a 64 MiB heap, once per pass: the child writes one byte of every
 * 1024th page, as a child that soon execs or exits writes a few pages (so a copy-on-write
 * kernel copies 64 KiB, an eager one 64 MiB), sums what it sees and exits with it; the
 * parent waits, then sums its own heap, which must be unchanged. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

#define HEAP (64u << 20)
#define PAGE 4096u

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    unsigned char *heap = malloc(HEAP);
    if (!heap) return 2;
    for (unsigned i = 0; i < HEAP; i += PAGE) heap[i] = (unsigned char)(i >> 12);
    unsigned sum = 0;
    for (int p = 0; p < passes; p++) {
        pid_t pid = fork();
        if (pid < 0) return 3;
        if (pid == 0) {
            unsigned s = 0;
            for (unsigned i = 0; i < HEAP; i += 1024 * PAGE) {
                heap[i] = (unsigned char)(heap[i] + p + 1);
                s += heap[i];
            }
            _exit(s & 0x7f);
        }
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return 4;
        sum = sum * 31 + (unsigned)WEXITSTATUS(status);
        for (unsigned i = 0; i < HEAP; i += 1024 * PAGE) sum += heap[i];
    }
    return report("fork64", sum);
}
