#define _GNU_SOURCE
/* Copy-on-write fork: after fork both processes write to a large heap and see only their own
 * writes; read() and other calls that store into memory the child has not written yet; a
 * MAP_SHARED|MAP_ANONYMOUS area the child writes and the parent reads after wait; mprotect,
 * mremap and munmap of pages fork shared; many forks of a process with a 64 MiB heap. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u

static unsigned checksum(const unsigned char *p, size_t n) {
    unsigned s = 0;
    for (size_t i = 0; i < n; i += 61) s = s * 31 + p[i];
    return s;
}

static void fill(unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * seed + (i >> 12));
}

static int wait_child(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Both sides write the whole heap after fork; each sees its own bytes. */
static void heap_both_write(void) {
    size_t n = 24u << 20;
    unsigned char *heap = malloc(n);
    fill(heap, n, 7);
    printf("heap before fork %08x\n", checksum(heap, n));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fill(heap, n / 2, 13); /* half: the other half stays shared until exit */
        printf("child heap %08x\n", checksum(heap, n));
        exit(0);
    }
    int status = wait_child(pid);
    printf("parent heap after child %08x (child %d)\n", checksum(heap, n), status);
    fill(heap + n / 3, n / 3, 5);
    printf("parent heap written %08x\n", checksum(heap, n));
    free(heap);
}

/* The kernel stores into pages nobody wrote since fork: readv() and read() from a pipe, stat,
 * time. */
static void kernel_stores(void) {
    static char buffer[3 * PAGE];
    static char first[PAGE], second[PAGE];
    static struct stat st;
    static time_t now;
    memset(buffer, 'p', sizeof buffer);
    memset(first, 'f', sizeof first);
    memset(second, 's', sizeof second);
    int fds[2];
    if (pipe(fds) != 0) return;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[1]);
        struct iovec iov[2] = {{first + PAGE - 20, 20}, {second, 30}};
        ssize_t head = readv(fds[0], iov, 2);
        printf("child readv %d: %.20s|%.30s\n", (int)head, first + PAGE - 20, second);
        ssize_t got = 0, n;
        while ((n = read(fds[0], buffer + got, sizeof buffer - got)) > 0) got += n;
        int ok = fstat(fds[0], &st) == 0;
        time(&now);
        printf("child read %d bytes: %.12s ... %.8s (%d %d)\n", (int)got, buffer + PAGE - 6,
               buffer + got - 8, ok, now != 0);
        exit(0);
    }
    close(fds[0]);
    char text[2 * PAGE + 100];
    for (size_t i = 0; i < sizeof text; i++) text[i] = "abcdefghijklmnopqrstuvwxyz"[i % 26];
    if (write(fds[1], text, sizeof text) != (ssize_t)sizeof text) printf("short write\n");
    close(fds[1]);
    wait_child(pid);
    printf("parent buffer still %.8s %.4s %.4s\n", buffer + PAGE, first + PAGE - 4, second);
}

/* MAP_SHARED|MAP_ANONYMOUS: the child's writes are the parent's, touched or not before fork. */
static void shared_anonymous(void) {
    size_t n = 8 * PAGE;
    unsigned char *shared = mmap(0, n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    unsigned char *private = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    shared[0] = 1; /* the first page touched before fork, the rest not */
    private[0] = 1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        for (size_t i = 0; i < n; i += PAGE) shared[i + 5] = (unsigned char)(i / PAGE + 40);
        memcpy(shared + 100, "from the child", 15);
        private[0] = 99;
        exit(0);
    }
    wait_child(pid);
    unsigned sum = 0;
    for (size_t i = 0; i < n; i += PAGE) sum = sum * 7 + shared[i + 5];
    printf("shared: %s, sum %u, first %d; private first %d\n", shared + 100, sum, shared[0], private[0]);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        shared[200] = 77;
        exit(shared[100] == 'f' ? 3 : 4);
    }
    int status = wait_child(pid);
    printf("second child %d, sees %d\n", status, shared[200]);
    munmap(shared, n);
    munmap(private, n);
}

/* mprotect, mremap, munmap on pages fork shared. */
static void remap_shared_pages(void) {
    size_t n = 16 * PAGE;
    unsigned char *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fill(p, n, 3);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        mprotect(p, 4 * PAGE, PROT_READ);
        mprotect(p, 4 * PAGE, PROT_READ | PROT_WRITE);
        p[10] = 0xEE; /* still a private copy after the protection changes */
        unsigned char *q = mremap(p, n, 64 * PAGE, MREMAP_MAYMOVE);
        if (q == MAP_FAILED) exit(20);
        q[5 * PAGE] = 0xDD;
        q[40 * PAGE] = 0xCC;
        munmap(q + 8 * PAGE, 4 * PAGE);
        printf("child remapped %08x %x %x\n", checksum(q, 8 * PAGE), q[10], q[40 * PAGE]);
        exit(0);
    }
    wait_child(pid);
    mprotect(p, n, PROT_READ);
    printf("parent unchanged %08x %x %x\n", checksum(p, n), p[10], p[5 * PAGE]);
    mprotect(p, n, PROT_READ | PROT_WRITE);
    p[5 * PAGE] = 1;
    printf("parent writes %08x %x\n", checksum(p, n), p[5 * PAGE]);
    munmap(p, n);
}

/* A process with a 64 MiB heap forks many times; each child changes one byte per 64 pages. */
static void big_forks(int times) {
    size_t n = 64u << 20;
    unsigned char *heap = malloc(n);
    for (size_t i = 0; i < n; i += PAGE) heap[i] = (unsigned char)(i >> 12);
    unsigned sum = 0;
    for (int t = 0; t < times; t++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) {
            printf("fork %d failed\n", t);
            break;
        }
        if (pid == 0) {
            unsigned s = 0;
            for (size_t i = 0; i < n; i += 64 * PAGE) s += ++heap[i + t];
            _exit(s & 0x7f);
        }
        sum = sum * 31 + (unsigned)wait_child(pid);
        for (size_t i = 0; i < n; i += 64 * PAGE) sum += heap[i + t];
    }
    printf("big forks %d: %08x\n", times, sum);
    free(heap);
}

int main(int argc, char **argv) {
    heap_both_write();
    kernel_stores();
    shared_anonymous();
    remap_shared_pages();
    big_forks(argc > 1 ? atoi(argv[1]) : 12);
    return 0;
}
