/* File-changing calls in the current directory (a fresh writable directory): umask, creat,
   pwrite, rename/renameat2, link, symlink, readlinkat, chmod, chown (no change), utime(s),
   utimensat, truncate, sync, statfs, flock, sendfile, getdents, fadvise, mknod of a regular
   file. Prints results and errno names, never inode numbers or the host's own times. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

static const char *ename(int e) {
  switch (e) {
  case EPERM: return "EPERM";
  case ENOENT: return "ENOENT";
  case EBADF: return "EBADF";
  case EAGAIN: return "EAGAIN";
  case EACCES: return "EACCES";
  case EEXIST: return "EEXIST";
  case EXDEV: return "EXDEV";
  case ENOTDIR: return "ENOTDIR";
  case EISDIR: return "EISDIR";
  case EINVAL: return "EINVAL";
  case ENOSPC: return "ENOSPC";
  case ESPIPE: return "ESPIPE";
  case EROFS: return "EROFS";
  case ENOTEMPTY: return "ENOTEMPTY";
  case ELOOP: return "ELOOP";
  case EBUSY: return "EBUSY";
  default: return "E?";
  }
}

static long show(const char *what, long r) {
  if (r == -1) printf("%-44s -1 %s\n", what, ename(errno));
  else printf("%-44s %ld\n", what, r);
  fflush(stdout);
  return r;
}
#define T(call) show(#call, (long)(call))

static void mode_of(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) {
    printf("lstat %s: %s\n", path, ename(errno));
    return;
  }
  printf("%s: type %o mode %04o nlink %lu size %lld\n", path, (unsigned)(st.st_mode & S_IFMT) >> 12,
         (unsigned)(st.st_mode & 07777), (unsigned long)st.st_nlink, (long long)st.st_size);
}

static void times_of(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    printf("stat %s: %s\n", path, ename(errno));
    return;
  }
  printf("%s: atime %lld mtime %lld\n", path, (long long)st.st_atime, (long long)st.st_mtime);
}

static void contents(const char *path) {
  char buf[64] = {0};
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    printf("open %s: %s\n", path, ename(errno));
    return;
  }
  ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  printf("%s: [%.*s]\n", path, (int)(n < 0 ? 0 : n), buf);
}

static void put(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (write(fd, text, strlen(text)) < 0) printf("write %s failed\n", path);
  close(fd);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

struct old_dirent {
  unsigned long d_ino;
  unsigned long d_off;
  unsigned short d_reclen;
  char d_name[];
};

int main(void) {
  char buf[256];
  umask(022);
  printf("umask old %03o\n", (unsigned)umask(027));
  T(creat("c.txt", 0666));
  mode_of("c.txt");
  T(close(open("o.txt", O_CREAT | O_WRONLY, 0777)));
  mode_of("o.txt");
  T(mkdir("d", 0777));
  mode_of("d");
  umask(0);
  T(mkdir("d0", 0777));
  mode_of("d0");
  umask(022);

  /* pwrite leaves the position */
  int fd = open("p.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  T(write(fd, "abcdefgh", 8));
  T(pwrite(fd, "XY", 2, 2));
  T(lseek(fd, 0, SEEK_CUR));
  T(pwrite(fd, "Z", 1, 12));
  T(pwrite(fd, "Q", 1, -1));
  T(fsync(fd));
  T(fdatasync(fd));
  T(syncfs(fd));
  close(fd);
  contents("p.txt");
  mode_of("p.txt");
  sync();
  /* preadv/pwritev: at an offset, the position stays */
  fd = open("p.txt", O_RDWR);
  char v1[3] = {0}, v2[4] = {0};
  struct iovec iv[2] = {{v1, 2}, {v2, 3}};
  T(preadv(fd, iv, 2, 1));
  printf("preadv: %s %s\n", v1, v2);
  struct iovec ow[2] = {{"12", 2}, {"345", 3}};
  T(pwritev(fd, ow, 2, 3));
  T(lseek(fd, 0, SEEK_CUR));
  T(preadv(fd, iv, 2, -5));
  close(fd);
  contents("p.txt");

  /* rename */
  put("a", "first");
  put("b", "second");
  T(rename("a", "a2"));
  T(rename("a", "a3"));
  T(renameat2(AT_FDCWD, "a2", AT_FDCWD, "b", RENAME_NOREPLACE));
  T(renameat2(AT_FDCWD, "a2", AT_FDCWD, "b", RENAME_EXCHANGE));
  contents("a2");
  contents("b");
  T(renameat2(AT_FDCWD, "a2", AT_FDCWD, "b", RENAME_EXCHANGE | RENAME_NOREPLACE));
  T(renameat2(AT_FDCWD, "a2", AT_FDCWD, "b", 0x100));
  T(renameat2(AT_FDCWD, "a2", AT_FDCWD, "nothere", RENAME_EXCHANGE));
  T(renameat(AT_FDCWD, "a2", AT_FDCWD, "b"));
  contents("b");
  T(rename("b", "d"));
  T(rename("d", "d/inside"));
  T(mkdir("d/sub", 0755));
  T(rename("d0", "d"));
  T(rename("d", "d0"));
  T(rename("missing/x", "y"));
  int dfd = open("d0", O_RDONLY | O_DIRECTORY);
  T(renameat(dfd, "sub", AT_FDCWD, "moved"));
  mode_of("moved");

  /* links */
  T(link("b", "b.hard"));
  mode_of("b");
  T(link("b", "b.hard"));
  T(link("moved", "moved.hard"));
  T(link("nothere", "x"));
  T(symlink("b", "b.sym"));
  T(symlink("../outside/target", "far.sym"));
  T(symlink("b", "b.sym"));
  T(symlink("", "empty.sym"));
  T(symlinkat("b.hard", dfd, "in.sym"));
  memset(buf, 0, sizeof buf);
  T(readlink("b.sym", buf, sizeof buf));
  printf("readlink b.sym: %s\n", buf);
  memset(buf, 0, sizeof buf);
  T(readlinkat(dfd, "in.sym", buf, sizeof buf));
  printf("readlinkat in.sym: %s\n", buf);
  T(readlinkat(dfd, "in.sym", buf, 0));
  T(readlinkat(AT_FDCWD, "b", buf, sizeof buf));
  mode_of("b.sym");
  T(linkat(AT_FDCWD, "b.sym", AT_FDCWD, "b.sym.hard", 0));
  mode_of("b.sym.hard");
  T(linkat(AT_FDCWD, "b.sym", AT_FDCWD, "b.followed", AT_SYMLINK_FOLLOW));
  mode_of("b.followed");
  T(linkat(AT_FDCWD, "b", AT_FDCWD, "b.bad", 0x8000));

  /* modes and owners */
  T(chmod("b", 0604));
  mode_of("b");
  T(chmod("nothere", 0604));
  fd = open("p.txt", O_RDONLY);
  T(fchmod(fd, 0640));
  mode_of("p.txt");
  T(fchmodat(dfd, "../b.hard", 0600, 0));
  mode_of("b.hard");
  struct stat st;
  stat("p.txt", &st);
  T(chown("p.txt", st.st_uid, st.st_gid));
  T(chown("p.txt", -1, -1));
  T(fchown(fd, -1, st.st_gid));
  T(lchown("b.sym", -1, -1));
  T(fchownat(AT_FDCWD, "p.txt", -1, -1, AT_SYMLINK_NOFOLLOW));
  T(fchownat(AT_FDCWD, "p.txt", -1, -1, 0x4));
  T(chown("nothere", -1, -1));
  T(fchmod(99, 0600));

  /* times */
  struct utimbuf ub = {1000000000, 1100000000};
  T(utime("p.txt", &ub));
  times_of("p.txt");
  struct timeval tv[2] = {{1200000000, 0}, {1300000000, 500000}};
  T(utimes("p.txt", tv));
  times_of("p.txt");
  tv[0].tv_usec = 1000000;
  T(utimes("p.txt", tv));
  struct timespec ts[2] = {{1400000000, 0}, {0, UTIME_OMIT}};
  T(utimensat(AT_FDCWD, "p.txt", ts, 0));
  times_of("p.txt");
  ts[0].tv_nsec = UTIME_OMIT;
  ts[1].tv_sec = 1500000000;
  ts[1].tv_nsec = 0;
  T(futimens(fd, ts));
  times_of("p.txt");
  ts[1].tv_nsec = 1000000000;
  T(utimensat(AT_FDCWD, "p.txt", ts, 0));
  T(utimensat(AT_FDCWD, "p.txt", ts, 0x1234));
  T(utimensat(AT_FDCWD, "nothere", NULL, 0));
  struct timespec st2[2] = {{1600000000, 0}, {1600000001, 0}};
  T(utimensat(AT_FDCWD, "b.sym", st2, AT_SYMLINK_NOFOLLOW));
  struct stat lst;
  lstat("b.sym", &lst);
  printf("b.sym link mtime %lld\n", (long long)lst.st_mtime);
  T(futimesat(AT_FDCWD, "p.txt", NULL) == 0);
  /* the raw forms glibc does not use here */
  long long ts64[4] = {1700000000, 0, 1700000002, 0};
  T(syscall(SYS_utimensat_time64, AT_FDCWD, "p.txt", ts64, 0));
  times_of("p.txt");
  long ub32[2] = {1710000000, 1710000001};
  T(syscall(SYS_utime, "p.txt", ub32));
  times_of("p.txt");
  long tv32[4] = {1720000000, 0, 1720000001, 999999};
  T(syscall(SYS_utimes, "p.txt", tv32));
  times_of("p.txt");
  T(syscall(SYS_chown, "p.txt", 0xffff, 0xffff));
  T(syscall(SYS_lchown, "b.sym", 0xffff, 0xffff));
  T(syscall(SYS_fchown, fd, 0xffff, 0xffff));
  close(fd);

  /* truncate */
  T(truncate("p.txt", 5));
  contents("p.txt");
  T(truncate("p.txt", 20));
  mode_of("p.txt");
  T(truncate("d0", 0));
  T(truncate("nothere", 0));
  T(truncate("p.txt", -1));
  T(truncate64("p.txt", 7));
  mode_of("p.txt");

  /* statfs: the same file system through a path and a descriptor */
  struct statfs sa, sb;
  T(statfs(".", &sa));
  fd = open("p.txt", O_RDONLY);
  T(fstatfs(fd, &sb));
  printf("statfs same type %d bsize %d namelen %ld\n", sa.f_type == sb.f_type, sa.f_bsize == sb.f_bsize,
         (long)sa.f_namelen);
  T(statfs("nothere", &sa));

  /* flock: per open file */
  int f1 = open("p.txt", O_RDONLY), f2 = open("p.txt", O_RDONLY), f3 = dup(f1);
  T(flock(f1, LOCK_EX));
  T(flock(f2, LOCK_EX | LOCK_NB));
  T(flock(f3, LOCK_EX | LOCK_NB));
  T(flock(f2, LOCK_SH | LOCK_NB));
  T(flock(f1, LOCK_UN));
  T(flock(f2, LOCK_SH | LOCK_NB));
  T(flock(f1, LOCK_SH | LOCK_NB));
  T(flock(f3, LOCK_EX | LOCK_NB));
  close(f2);
  T(flock(f1, LOCK_EX | LOCK_NB));
  T(flock(f1, 0x40));
  T(flock(99, LOCK_SH));
  close(f1);
  close(f3);

  /* sendfile */
  put("src.txt", "0123456789abcdef");
  int in = open("src.txt", O_RDONLY), out = open("dst.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
  off_t off = 4;
  T(sendfile(out, in, &off, 6));
  printf("offset now %lld, position %lld\n", (long long)off, (long long)lseek(in, 0, SEEK_CUR));
  T(sendfile(out, in, NULL, 3));
  printf("position %lld\n", (long long)lseek(in, 0, SEEK_CUR));
  T(sendfile(in, out, NULL, 3));
  long long off64 = 14;
  T(syscall(SYS_sendfile64, out, in, &off64, 10));
  printf("offset64 now %lld\n", off64);
  close(in);
  close(out);
  contents("dst.txt");

  /* getdents, the old records */
  int dir = open("d0", O_RDONLY | O_DIRECTORY);
  char dents[1024];
  long n = syscall(SYS_getdents, dir, dents, sizeof dents);
  char *names[16];
  int count = 0;
  for (long at = 0; at < n && count < 16;) {
    struct old_dirent *d = (struct old_dirent *)(dents + at);
    snprintf(buf, sizeof buf, "%s:%d", d->d_name, dents[at + d->d_reclen - 1]);
    names[count++] = strdup(buf);
    at += d->d_reclen;
  }
  qsort(names, count, sizeof names[0], by_name);
  printf("getdents %d:", count);
  for (int i = 0; i < count; i++) printf(" %s", names[i]);
  printf("\n");
  T(syscall(SYS_getdents, dir, dents, 4));
  close(dir);

  /* fadvise (returns the error, not -1) */
  fd = open("p.txt", O_RDONLY);
  printf("fadvise %d %d\n", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL), posix_fadvise(fd, 0, 0, 99));
  int pfd[2];
  if (pipe(pfd) == 0) printf("fadvise pipe %d fsync pipe %ld\n", posix_fadvise(pfd[0], 0, 0, 0), (long)fsync(pfd[0]));
  printf("fadvise badf %d\n", posix_fadvise(99, 0, 0, 0));

  /* mknod of a regular file; unlink of what was made */
  T(mknod("node", S_IFREG | 0640, 0));
  mode_of("node");
  T(mknod("node", S_IFREG | 0640, 0));
  T(mknod("bad", 0170000 | 0640, 0));
  T(unlink("node"));
  T(unlink("b.hard"));
  mode_of("b");

  /* a lock another process holds makes flock wait until it is released */
  int lf = open("p.txt", O_RDONLY), ready[2];
  T(flock(lf, LOCK_EX));
  if (pipe(ready) != 0) return 1;
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    int cf = open("p.txt", O_RDONLY);
    T(flock(cf, LOCK_EX | LOCK_NB));
    if (write(ready[1], "r", 1) != 1) _exit(3);
    T(flock(cf, LOCK_EX));
    printf("child got the lock\n");
    fflush(stdout);
    _exit(0);
  }
  char r;
  if (read(ready[0], &r, 1) != 1) return 1;
  printf("parent unlocks\n");
  fflush(stdout);
  long unlocked = flock(lf, LOCK_UN);
  int status;
  waitpid(child, &status, 0);
  printf("unlocked %ld, child status %d\n", unlocked, status);
  return 0;
}
