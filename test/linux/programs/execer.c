// execve of another program of the corpus (./args, next to this one) with its own argv and
// environment, in a child; execve of what cannot run: a missing file (ENOENT), a text file
// (ENOEXEC), a directory (EACCES); close-on-exec descriptors are closed in the new program.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void attempt(const char *path) {
  char *argv[] = {(char *)path, 0};
  char *envp[] = {0};
  errno = 0;
  int r = execve(path, argv, envp);
  printf("execve %s: %d %s\n", path, r, strerror(errno));
}

int main(int argc, char **argv) {
  if (argc == 2) {  // the new program of the close-on-exec check: "keep,drop"
    int keep, drop;
    if (sscanf(argv[1], "%d,%d", &keep, &drop) != 2) return 2;
    int kept = fcntl(keep, F_GETFD) >= 0;
    errno = 0;
    int dropped = fcntl(drop, F_GETFD) < 0 && errno == EBADF;
    printf("in the new program: plain descriptor open %d, close-on-exec one closed %d\n", kept, dropped);
    return kept && dropped ? 7 : 8;
  }
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    char *argv[] = {"./args", "first", "", "with space", 0};
    char *envp[] = {"ONE=1", "TWO=two words", 0};
    execve("./args", argv, envp);
    perror("execve");
    _exit(99);
  }
  int st;
  waitpid(p, &st, 0);
  printf("args exited %d\n", WEXITSTATUS(st));
  attempt("./no-such-program");
  attempt("./notes.txt");
  attempt(".");
  // A close-on-exec descriptor is gone in the new program; a plain one stays.
  int keep = open("./notes.txt", O_RDONLY);
  int drop = open("./notes.txt", O_RDONLY | O_CLOEXEC);
  fflush(stdout);
  if ((p = fork()) == 0) {
    char fds[32];
    snprintf(fds, sizeof fds, "%d,%d", keep, drop);
    char *argv[] = {"./execer", fds, 0};
    char *envp[] = {0};
    execve("./execer", argv, envp);
    _exit(98);
  }
  waitpid(p, &st, 0);
  printf("fd check exited %d\n", WEXITSTATUS(st));
  return 0;
}
