/* MAP_SHARED file mappings across fork and within one process: a child's writes to a shared
 * file mapping are seen by the parent after wait and are in the file (read with pread, no
 * msync); a parent's write after fork is seen by a waiting child; two mappings of the same
 * file region in one process see each other's writes at once. Run in a directory holding
 * data.bin (4 pages or more). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096

static int wait_child(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void file_bytes(const char *what, int fd, off_t at, size_t n) {
    char buffer[64];
    ssize_t got = pread(fd, buffer, n, at);
    printf("%s: %zd '%.*s'\n", what, got, got > 0 ? (int)got : 0, buffer);
}

int main(void) {
    int fd = open("data.bin", O_RDWR);
    if (fd < 0) return 2;
    char *m = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (m == MAP_FAILED) return 3;
    memcpy(m + 10, "parent0", 7);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        memcpy(m + 20, "child-page0", 11);
        memcpy(m + 2 * PAGE + 5, "child-page2", 11);
        _exit(m[10] == 'p' ? 0 : 1);
    }
    printf("child %d\n", wait_child(pid));
    printf("parent sees %.7s %.11s %.11s\n", m + 10, m + 20, m + 2 * PAGE + 5);
    file_bytes("file page 0", fd, 20, 11);
    file_bytes("file page 2", fd, 2 * PAGE + 5, 11);

    /* The parent writes after fork; the child, waiting on a pipe, sees it. */
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);
        _exit(memcmp(m + PAGE + 100, "late write", 10) == 0 ? 42 : 43);
    }
    close(fds[0]);
    memcpy(m + PAGE + 100, "late write", 10);
    write(fds[1], "x", 1);
    close(fds[1]);
    printf("child saw the late write: %d\n", wait_child(pid));

    /* Two mappings of one file in one process, overlapping at file page 1. */
    char *a = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *b = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
    if (a == MAP_FAILED || b == MAP_FAILED) return 4;
    printf("b sees %.10s\n", b + 100);
    memcpy(a + PAGE + 300, "through a", 9);
    printf("b sees %.9s\n", b + 300);
    memcpy(b + 400, "through b", 9);
    printf("a sees %.9s, m sees %.9s\n", a + PAGE + 400, m + PAGE + 400);
    munmap(a, 2 * PAGE);
    memcpy(b + 500, "after munmap", 12);
    msync(b, 2 * PAGE, MS_SYNC);
    file_bytes("file page 1", fd, PAGE + 300, 30);
    file_bytes("file page 1 later", fd, PAGE + 500, 12);
    munmap(b, 2 * PAGE);
    munmap(m, 3 * PAGE);
    close(fd);
    return 0;
}
