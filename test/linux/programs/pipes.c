// Pipes between processes: parent to child and child to parent, dup2 redirection of stdout
// into a pipe, pipe2 with O_CLOEXEC and O_NONBLOCK, EOF when the writers are gone, EPIPE
// (SIGPIPE ignored) when the readers are gone, a transfer larger than a pipe holds, and poll.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int read_all(int fd, char *buf, int size) {
  int n, got = 0;
  while (got < size && (n = read(fd, buf + got, size - got)) > 0) got += n;
  return got;
}

int main(void) {
  int down[2], up[2];
  if (pipe(down) || pipe(up)) return perror("pipe"), 1;
  pid_t p = fork();
  if (p == 0) {
    close(down[1]);
    close(up[0]);
    char buf[64];
    int n = read_all(down[0], buf, sizeof buf - 1);
    buf[n] = 0;
    for (int i = 0; i < n; i++)
      if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
    dprintf(up[1], "child got %d bytes: %s", n, buf);
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  write(down[1], "hello, child\n", 13);
  close(down[1]);
  char buf[128];
  int n = read_all(up[0], buf, sizeof buf - 1);
  buf[n] = 0;
  fputs(buf, stdout);
  printf("end of file after the child: %d\n", (int)read(up[0], buf, 1));
  close(up[0]);
  waitpid(p, 0, 0);

  // dup2: the child's stdout is the pipe.
  int out[2];
  pipe(out);
  fflush(stdout);
  if ((p = fork()) == 0) {
    dup2(out[1], 1);
    close(out[0]);
    close(out[1]);
    printf("through stdout %d\n", 42);
    return 0;
  }
  close(out[1]);
  n = read_all(out[0], buf, sizeof buf - 1);
  buf[n] = 0;
  printf("redirected: %s", buf);
  close(out[0]);
  waitpid(p, 0, 0);

  // More than a pipe holds: the writer waits for the reader.
  int big[2];
  pipe(big);
  enum { TOTAL = 300000 };
  if ((p = fork()) == 0) {
    close(big[0]);
    static char chunk[7000];
    int sent = 0;
    for (int i = 0; sent < TOTAL; i++) {
      int len = TOTAL - sent < (int)sizeof chunk ? TOTAL - sent : (int)sizeof chunk;
      for (int j = 0; j < len; j++) chunk[j] = (char)((sent + j) * 7);
      int w = write(big[1], chunk, len);
      if (w <= 0) _exit(9);
      sent += w;
    }
    _exit(0);
  }
  close(big[1]);
  unsigned sum = 0, count = 0, bad = 0;
  static char in[5000];
  while ((n = read(big[0], in, sizeof in)) > 0) {
    for (int j = 0; j < n; j++) {
      bad += in[j] != (char)((count + j) * 7);
      sum = sum * 31 + (unsigned char)in[j];
    }
    count += n;
  }
  int st;
  waitpid(p, &st, 0);
  printf("big transfer: %u bytes, %u wrong, sum %08x, writer status %d\n", count, bad, sum, WEXITSTATUS(st));
  close(big[0]);

  // poll: nothing yet (at once, and after a 30 ms timeout), data from a child, the end.
  int pp[2];
  pipe(pp);
  struct pollfd pf = {pp[0], POLLIN, 0};
  printf("poll empty: %d", poll(&pf, 1, 0));
  printf(", after 30 ms: %d revents %d\n", poll(&pf, 1, 30), pf.revents);
  if ((p = fork()) == 0) {
    write(pp[1], "!", 1);
    _exit(0);
  }
  int ready = poll(&pf, 1, -1);  // the parent still holds a write end: no POLLHUP
  printf("poll with data: %d revents %#x\n", ready, pf.revents);
  read(pp[0], buf, 1);
  waitpid(p, 0, 0);
  close(pp[1]);
  ready = poll(&pf, 1, -1);
  printf("poll without writers: %d revents %#x\n", ready, pf.revents);
  close(pp[0]);

  // pipe2 flags.
  int fl[2];
  if (pipe2(fl, O_CLOEXEC | O_NONBLOCK)) return perror("pipe2"), 1;
  printf("cloexec %d %d, nonblock %d\n", fcntl(fl[0], F_GETFD) & FD_CLOEXEC, fcntl(fl[1], F_GETFD) & FD_CLOEXEC,
         (fcntl(fl[0], F_GETFL) & O_NONBLOCK) != 0);
  errno = 0;
  printf("empty nonblocking read: %d %s\n", (int)read(fl[0], buf, 1), errno == EAGAIN ? "EAGAIN" : "?");
  close(fl[0]);
  signal(SIGPIPE, SIG_IGN);
  errno = 0;
  printf("write without a reader: %d %s\n", (int)write(fl[1], "x", 1), errno == EPIPE ? "EPIPE" : "?");
  close(fl[1]);
  // SIGPIPE with its default action ends a writer.
  int sp[2];
  pipe(sp);
  close(sp[0]);
  if ((p = fork()) == 0) {
    signal(SIGPIPE, SIG_DFL);
    write(sp[1], "x", 1);
    _exit(0);
  }
  close(sp[1]);
  waitpid(p, &st, 0);
  printf("writer to a closed pipe: signalled %d signal %d\n", WIFSIGNALED(st), WTERMSIG(st));
  return 0;
}
