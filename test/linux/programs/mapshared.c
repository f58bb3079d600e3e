/* MAP_SHARED: a writable shared file mapping writes back to the file on msync, munmap and
 * exit (also after its descriptor is closed), never past the file's end; shared anonymous
 * memory; mincore; msync's and mmap's refusals. Run in a directory holding data.bin (4 pages
 * or more); with the argument "ro" only the read-only checks run. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096

static unsigned sum(const unsigned char *p, size_t n) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i++) s = s * 31 + p[i];
  return s;
}

static void file_sum(const char *what, int fd, off_t at, size_t n) {
  static unsigned char buffer[4 * PAGE];
  ssize_t got = pread(fd, buffer, n, at);
  printf("%s: read %zd, sum %08x\n", what, got, got > 0 ? sum(buffer, (size_t)got) : 0);
}

static void read_only(void) {
  int fd = open("data.bin", O_RDONLY);
  void *w = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  printf("shared writable map of a read-only descriptor: %s\n", w == MAP_FAILED ? strerror(errno) : "mapped");
  unsigned char *r = mmap(0, 2 * PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
  printf("shared read-only map: %s\n", r == MAP_FAILED ? strerror(errno) : "mapped");
  if (r != MAP_FAILED) {
    printf("its bytes: %08x\n", sum(r, 2 * PAGE));
    printf("msync: %d\n", msync(r, 2 * PAGE, MS_SYNC));
    munmap(r, 2 * PAGE);
  }
  int rc = ftruncate(fd, 10);
  printf("ftruncate of a read-only descriptor: %d %s\n", rc, strerror(errno));
  close(fd);
}

int main(int argc, char **argv) {
  read_only();
  if (argc > 1 && strcmp(argv[1], "ro") == 0) return 0;

  int fd = open("data.bin", O_RDWR);
  printf("open: %s\n", fd < 0 ? strerror(errno) : "ok");
  printf("ftruncate to 3 pages + 100: %d\n", ftruncate(fd, 3 * PAGE + 100));
  unsigned char *m = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (m == MAP_FAILED) {
    printf("mmap: %s\n", strerror(errno));
    return 1;
  }
  printf("mapped bytes: %08x, past the end: %d %d\n", sum(m, 3 * PAGE + 100), m[3 * PAGE + 100], m[4 * PAGE - 1]);

  memset(m + 10, 'A', 100);
  printf("msync MS_SYNC: %d\n", msync(m, PAGE, MS_SYNC));
  file_sum("page 0 after msync", fd, 0, PAGE);

  memset(m + PAGE + 5, 'B', 50);
  printf("msync MS_ASYNC: %d\n", msync(m + PAGE, PAGE, MS_ASYNC | MS_INVALIDATE));
  file_sum("page 1 after msync", fd, PAGE, PAGE);

  memset(m + 2 * PAGE, 'C', PAGE);
  memset(m + 3 * PAGE, 'D', PAGE); /* 100 bytes in the file, the rest past its end */
  printf("munmap page 2: %d\n", munmap(m + 2 * PAGE, PAGE));
  file_sum("page 2 after its munmap", fd, 2 * PAGE, PAGE);

  /* The mapping outlives its descriptor: the last page goes back at munmap. */
  close(fd);
  printf("munmap page 3: %d\n", munmap(m + 3 * PAGE, PAGE));
  fd = open("data.bin", O_RDWR);
  file_sum("whole file", fd, 0, 4 * PAGE);
  printf("size: %ld\n", (long)lseek(fd, 0, SEEK_END));

  /* Written now, written back at exit. */
  unsigned char *e = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PAGE);
  close(fd);
  memcpy(e + 100, "written back at exit", 20);
  memcpy(m + 300, "page 0 too", 10);

  /* Shared anonymous memory, and mincore. */
  unsigned char *a = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  a[PAGE] = 7;
  unsigned char v[3];
  int rc = mincore(a, 3 * PAGE, v);
  printf("mincore: %d %d %d %d\n", rc, v[0], v[1], v[2]);
  printf("shared anonymous: %d %d\n", a[PAGE], a[0]);
  rc = mincore(a + 16 * PAGE, PAGE, v);
  printf("mincore unmapped: %d %s\n", rc, strerror(errno));

  rc = msync(a + 1, PAGE, MS_SYNC);
  printf("msync unaligned: %d %s\n", rc, strerror(errno));
  rc = msync(a, PAGE, MS_SYNC | MS_ASYNC);
  printf("msync both: %d %s\n", rc, strerror(errno));
  rc = msync(a + 16 * PAGE, PAGE, MS_SYNC);
  printf("msync unmapped: %d %s\n", rc, strerror(errno));
  printf("msync anonymous: %d\n", msync(a, 3 * PAGE, MS_SYNC));
  return 0;
}
