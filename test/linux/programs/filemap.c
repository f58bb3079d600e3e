/* mmap of files: private read-only and private writable mappings (writes stay private),
 * an offset mapping, the zero tail after the end of the file, a write to a read-only file
 * mapping caught as SIGSEGV, and the refusals (a write-only descriptor, a directory, a bad
 * descriptor). Run where sub/data.txt and big.txt exist (natively: the current directory;
 * ours: the --fs view). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static sigjmp_buf back;
static void segv(int sig) { siglongjmp(back, sig); }

static unsigned sum(const unsigned char *p, size_t n) {
  unsigned s = 0;
  for (size_t i = 0; i < n; i++) s = s * 31 + p[i];
  return s;
}

int main(void) {
  int fd = open("sub/data.txt", O_RDONLY);
  struct stat st;
  fstat(fd, &st);
  char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  printf("read-only map ok %d: %.*s", p != MAP_FAILED, (int)st.st_size, p);
  printf("tail after the end is zero %d\n", p[st.st_size] == 0 && p[4095] == 0);
  signal(SIGSEGV, segv);
  int sig = sigsetjmp(back, 1);
  if (!sig) p[0] = 'H';
  printf("write to the read-only map: signal %d\n", sig);
  munmap(p, (size_t)st.st_size);

  char *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  w[0] = 'J';
  char again[6] = {0};
  pread(fd, again, 5, 0);
  printf("private writable: map says %.5s, the file still %s\n", w, again);
  off_t pos = lseek(fd, 0, SEEK_CUR);
  printf("descriptor position unchanged: %ld\n", (long)pos);
  close(fd);
  printf("the mapping outlives close: %.5s\n", w);

  int big = open("big.txt", O_RDONLY);
  fstat(big, &st);
  unsigned char *b = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, big, 0);
  unsigned char *b2 = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, big, 8192);
  unsigned char buf[16384];
  ssize_t n = pread(big, buf, sizeof buf, 0);
  printf("big: %ld bytes, whole map matches %d, offset 8192 matches %d\n", (long)n, sum(b, (size_t)n) == sum(buf, (size_t)n),
         memcmp(b2, buf + 8192, 4096) == 0);

  errno = 0;
  void *bad = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0);
  printf("bad descriptor: %d errno %d\n", bad == MAP_FAILED, errno);
  int wo = open("sub/data.txt", O_WRONLY);
  if (wo < 0) wo = open("/dev/null", O_WRONLY);
  int dir = open("sub", O_RDONLY | O_DIRECTORY);
  errno = 0;
  bad = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, dir, 0);
  printf("directory: %d errno %d\n", bad == MAP_FAILED, errno);
  return 0;
}
