/* chdir, fchdir and getcwd; relative opens follow the current directory. Run with the
 * current directory (natively) or the --fs view (ours) holding sub/data.txt and sub/deeper/;
 * getcwd is printed relative to where the program started. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char base[4096];

static const char *here(void) {
  static char now[4096];
  if (!getcwd(now, sizeof now)) return "(getcwd failed)";
  size_t n = strcmp(base, "/") == 0 ? 0 : strlen(base);
  return now[n] ? now + n : "/";
}

static void show_file(const char *path) {
  char buf[64] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("open %s: errno %d\n", path, errno);
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  printf("open %s: %zd bytes, first line %.*s\n", path, n, (int)strcspn(buf, "\n"), buf);
  close(fd);
}

int main(void) {
  getcwd(base, sizeof base);
  printf("start at %s\n", here());
  int r = chdir("sub");
  printf("chdir sub: %d, now %s\n", r, here());
  show_file("data.txt");
  r = chdir("deeper/..");
  printf("chdir deeper/..: %d, now %s\n", r, here());
  r = chdir("./deeper");
  printf("chdir deeper: %d, now %s\n", r, here());
  show_file("../data.txt");
  errno = 0;
  r = chdir("missing");
  printf("chdir missing: %d errno %d, now %s\n", r, errno, here());
  errno = 0;
  r = chdir("../data.txt");
  printf("chdir to a file: %d errno %d\n", r, errno);
  int dir = open("..", O_RDONLY | O_DIRECTORY);
  r = chdir("../..");
  printf("chdir ../..: %d, now %s\n", r, here());
  r = fchdir(dir);
  printf("fchdir: %d, now %s\n", r, here());
  show_file("data.txt");
  errno = 0;
  r = fchdir(1);
  printf("fchdir stdout: %d errno %d\n", r, errno);
  char small[2];
  errno = 0;
  char *p = getcwd(small, sizeof small);
  printf("getcwd too small: %s errno %d\n", p ? "ok" : "NULL", errno);
  return 0;
}
