/* The /dev files a program uses without a file system of its own: /dev/null, /dev/zero,
   /dev/full, /dev/urandom, /dev/stdin..stderr and /dev/fd/N; and the process-information calls
   (sysinfo, priorities, sched_get*, personality). Prints what does not depend on the host. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void show(const char *what, long r) {
  if (r == -1) printf("%-40s -1 %s\n", what, strerror(errno));
  else printf("%-40s %ld\n", what, r);
  fflush(stdout);
}
#define T(call) show(#call, (long)(call))

static void dev(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    printf("%s: %s\n", path, strerror(errno));
    return;
  }
  printf("%s: chr %d mode %04o rdev %u:%u\n", path, S_ISCHR(st.st_mode), (unsigned)(st.st_mode & 07777),
         major(st.st_rdev), minor(st.st_rdev));
}

int main(int argc, char **argv) {
  char buf[64];
  if (argc > 1) { /* what sysinfo says of this machine */
    struct sysinfo si;
    if (sysinfo(&si) != 0) return 1;
    printf("totalram %llu procs %d\n", (unsigned long long)si.totalram * si.mem_unit, si.procs);
    return 0;
  }
  int fd = open("/dev/null", O_RDWR);
  T(fd >= 0);
  T(write(fd, "gone", 4));
  T(read(fd, buf, sizeof buf));
  T(lseek(fd, 100, SEEK_SET));
  close(fd);
  fd = open("/dev/zero", O_RDONLY);
  memset(buf, 'x', sizeof buf);
  T(read(fd, buf, 16));
  int zeros = 0;
  for (int i = 0; i < 16; i++) zeros += buf[i] == 0;
  printf("zeros %d, then %c\n", zeros, buf[16]);
  close(fd);
  fd = open("/dev/full", O_WRONLY);
  T(write(fd, "x", 1));
  close(fd);
  fd = open("/dev/urandom", O_RDONLY);
  T(read(fd, buf, 32));
  close(fd);
  T(open("/dev/nothing-here", O_RDONLY));
  T(open("/dev/fd/77", O_RDONLY));
  T(access("/dev/null", R_OK | W_OK));
  T(access("/dev/null", X_OK));
  dev("/dev/null");
  dev("/dev/zero");
  dev("/dev/full");
  dev("/dev/random");
  dev("/dev/urandom");
  memset(buf, 0, sizeof buf);
  T(readlink("/dev/stdin", buf, sizeof buf));
  printf("/dev/stdin -> %s\n", buf);
  memset(buf, 0, sizeof buf);
  T(readlink("/dev/stderr", buf, sizeof buf));
  printf("/dev/stderr -> %s\n", buf);
  /* /dev/stdout, /dev/fd/2 and /dev/stdin open what fds 1, 2 and 0 have open: here a pipe of
     ours each time (whatever the streams the program was given), read back afterwards. */
  int saved = dup(1), p[2];
  if (pipe(p) != 0) return 1;
  dup2(p[1], 1);
  fd = open("/dev/stdout", O_WRONLY);
  T(write(fd, "through /dev/stdout\n", 20));
  close(fd);
  dup2(saved, 1);
  close(p[1]);
  memset(buf, 0, sizeof buf);
  T(read(p[0], buf, sizeof buf - 1));
  printf("pipe got: %s", buf);
  close(p[0]);
  saved = dup(2);
  if (pipe(p) != 0) return 1;
  dup2(p[1], 2);
  fd = open("/dev/fd/2", O_WRONLY);
  T(write(fd, "through /dev/fd/2\n", 18));
  close(fd);
  dup2(saved, 2);
  close(p[1]);
  memset(buf, 0, sizeof buf);
  T(read(p[0], buf, sizeof buf - 1));
  printf("pipe got: %s", buf);
  close(p[0]);
  if (pipe(p) != 0) return 1;
  T(write(p[1], "line one\n", 9));
  close(p[1]);
  dup2(p[0], 0);
  FILE *in = fopen("/dev/stdin", "r");
  if (in && fgets(buf, sizeof buf, in)) printf("stdin line: %s", buf);

  struct sysinfo si;
  T(sysinfo(&si));
  printf("sysinfo sane %d\n", si.totalram > 0 && si.freeram <= si.totalram && si.procs >= 1 && si.mem_unit >= 1);
  T(sysinfo(NULL));
  T(getpriority(PRIO_PROCESS, 0));
  T(setpriority(PRIO_PROCESS, 0, 5));
  T(getpriority(PRIO_PROCESS, 0));
  T(nice(3));
  T(getpriority(PRIO_PROCESS, getpid()));
  T(setpriority(PRIO_PROCESS, 0, 100));
  T(getpriority(PRIO_PROCESS, 0));
  T(getpriority(PRIO_PROCESS, 999999));
  T(getpriority(7, 0));
  T(sched_getscheduler(0));
  struct sched_param sp = {.sched_priority = 9};
  T(sched_getparam(0, &sp));
  printf("priority %d\n", sp.sched_priority);
  T(sched_getscheduler(-1));
  T(sched_getscheduler(999999));
  T(personality(0xffffffff));
  return 0;
}
