/* Job control without a terminal: a child stopped by SIGSTOP and SIGTSTP and continued by
 * SIGCONT, seen through waitpid (WUNTRACED, WCONTINUED), waitid (WSTOPPED, WCONTINUED, WNOWAIT)
 * and the parent's SIGCHLD siginfo (CLD_STOPPED, CLD_CONTINUED, CLD_EXITED, CLD_KILLED with
 * si_pid, si_uid and si_status); SA_NOCLDSTOP; SIGKILL of a stopped child; a sleep that a stop
 * and a continue interrupt goes on to its end; kill of a stopped process group. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t events;
static volatile int codes[16], statuses[16], pids[16], uids[16];

static void on_child(int sig, siginfo_t *info, void *uc) {
  (void)sig;
  (void)uc;
  if (events < 16) {
    codes[events] = info->si_code;
    statuses[events] = info->si_status;
    pids[events] = info->si_pid;
    uids[events] = info->si_uid;
    events++;
  }
}

static void catch_children(int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_child;
  sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGCHLD, &sa, NULL);
}

static const char *code_name(int code) {
  switch (code) {
  case CLD_EXITED: return "CLD_EXITED";
  case CLD_KILLED: return "CLD_KILLED";
  case CLD_STOPPED: return "CLD_STOPPED";
  case CLD_CONTINUED: return "CLD_CONTINUED";
  default: return "?";
  }
}

/* The SIGCHLD siginfo seen since the last call. */
static void report(pid_t child) {
  sigset_t all, old;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, &old);
  for (int i = 0; i < events; i++)
    printf("  SIGCHLD %s status %d, si_pid %s, si_uid %s\n", code_name(codes[i]), statuses[i],
           pids[i] == child ? "the child" : "other", uids[i] == (int)getuid() ? "ours" : "other");
  events = 0;
  sigprocmask(SIG_SETMASK, &old, NULL);
}

static void status_line(const char *what, pid_t r, pid_t child, int status) {
  printf("%s: %s", what, r == child ? "the child" : r == 0 ? "nothing" : strerror(errno));
  if (r == child) {
    if (WIFSTOPPED(status)) printf(", stopped by %d", WSTOPSIG(status));
    else if (WIFCONTINUED(status)) printf(", continued");
    else if (WIFEXITED(status)) printf(", exited %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf(", killed by %d", WTERMSIG(status));
    printf(" (0x%x)", status);
  }
  printf("\n");
}

static pid_t sleeper(int seconds, int code) {
  pid_t child = fork();
  if (child == 0) {
    struct timespec ts = {seconds, 0};
    while (nanosleep(&ts, &ts) != 0) { /* sleep out the time left */ }
    _exit(code);
  }
  return child;
}

int main(void) {
  int status;
  pid_t r;
  catch_children(0);

  pid_t child = sleeper(2, 7);
  usleep(200000); /* the child is asleep: the stop interrupts its sleep, which goes on after */
  kill(child, SIGSTOP);
  r = waitpid(child, &status, WUNTRACED);
  status_line("waitpid WUNTRACED after SIGSTOP", r, child, status);
  r = waitpid(child, &status, WUNTRACED | WNOHANG);
  status_line("again (reported once)", r, child, status);
  report(child);
  kill(child, SIGCONT);
  r = waitpid(child, &status, WCONTINUED);
  status_line("waitpid WCONTINUED after SIGCONT", r, child, status);
  /* (Linux sends the continue's SIGCHLD when the child runs again: it is reported below.) */
  r = waitpid(child, &status, 0);
  status_line("waitpid: its sleep went on to its end", r, child, status);
  report(child);

  /* waitid, WNOWAIT, SIGTSTP in the child's own group (not orphaned: its parent is in another
   * group of the session). */
  child = sleeper(2, 8);
  setpgid(child, child);
  kill(child, SIGTSTP);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, child, &si, WSTOPPED | WNOWAIT) == 0 ? si.si_pid : -1;
  printf("waitid WSTOPPED|WNOWAIT: %s %s status %d\n", r == child ? "the child" : "?", code_name(si.si_code),
         si.si_status);
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, child, &si, WSTOPPED) == 0 ? si.si_pid : -1;
  printf("waitid WSTOPPED: %s %s status %d\n", r == child ? "the child" : "?", code_name(si.si_code), si.si_status);
  kill(-child, SIGCONT);
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, child, &si, WCONTINUED) == 0 ? si.si_pid : -1;
  printf("waitid WCONTINUED after kill(-group, SIGCONT): %s %s status %d\n", r == child ? "the child" : "?",
         code_name(si.si_code), si.si_status);
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, child, &si, WEXITED) == 0 ? si.si_pid : -1;
  printf("waitid WEXITED: %s %s status %d\n", r == child ? "the child" : "?", code_name(si.si_code), si.si_status);
  report(child);

  /* SA_NOCLDSTOP: no SIGCHLD for a stop or a continue, still one for the end. SIGKILL ends a
   * stopped child. */
  catch_children(SA_NOCLDSTOP);
  child = sleeper(5, 9);
  kill(child, SIGSTOP);
  r = waitpid(child, &status, WUNTRACED);
  status_line("SA_NOCLDSTOP, waitpid WUNTRACED", r, child, status);
  kill(child, SIGKILL);
  r = waitpid(child, &status, 0);
  status_line("SIGKILL of the stopped child", r, child, status);
  report(child);

  /* A stop signal the child handles does not stop it; SIGCONT to a running child does nothing. */
  catch_children(0);
  child = fork();
  if (child == 0) {
    signal(SIGTSTP, SIG_IGN);
    raise(SIGTSTP);
    kill(getpid(), SIGCONT);
    _exit(10);
  }
  r = waitpid(child, &status, WUNTRACED | WCONTINUED);
  status_line("ignored SIGTSTP", r, child, status);
  report(child);

  /* A child stops itself; SIGTTIN in an orphaned group would be discarded, SIGSTOP never is. */
  child = fork();
  if (child == 0) {
    raise(SIGSTOP);
    sleep(1); /* the parent takes the continue's SIGCHLD before the exit's (one is pending at most) */
    _exit(11);
  }
  r = waitpid(child, &status, WUNTRACED);
  status_line("raise(SIGSTOP)", r, child, status);
  kill(child, SIGCONT);
  r = waitpid(child, &status, 0);
  status_line("continued", r, child, status);
  report(child);

  r = waitpid(-1, &status, WNOHANG);
  printf("no children left: %s\n", r < 0 ? strerror(errno) : "some");
  return 0;
}
