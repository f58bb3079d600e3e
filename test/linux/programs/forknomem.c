/* fork of a process whose private memory could not be copied once more: argv[1] MiB of heap,
 * every page written, then fork. Under strict accounting (no overcommit) the fork fails with
 * ENOMEM when the copies could not all be made later; the program goes on either way. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    size_t n = (size_t)(argc > 1 ? atoi(argv[1]) : 16) << 20;
    unsigned char *heap = malloc(n);
    if (!heap) {
        printf("malloc failed\n");
        return 1;
    }
    for (size_t i = 0; i < n; i += 4096) heap[i] = (unsigned char)i;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("fork: %s\n", strerror(errno));
        heap[0] = 1; /* the parent's pages are still its own */
        printf("still running\n");
        return 0;
    }
    if (pid == 0) {
        memset(heap, 7, n); /* every page copied */
        _exit(heap[n - 1]);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("child %d\n", WEXITSTATUS(status));
    return 0;
}
