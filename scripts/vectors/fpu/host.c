/* Runs x87 test sequences on the host CPU for the FPU golden vectors (gen-fpu-vectors.ts,
 * which builds the sequences: sequence.ts). Built with gcc -m32 -static.
 * Each input line: "<code hex> <data hex>": the code (ending in RET) is called with ECX at a
 * 256-byte, 16-byte-aligned data block whose first bytes are the given data.
 * Each output line: the 256-byte data block afterwards, in hex, with the code's and the block's
 * addresses in its last 8 bytes (and, after a SIGFPE, the state at the trap: on_fpe).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static unsigned char data[256] __attribute__((aligned(16)));
static sigjmp_buf trap_env;

/* #MF (an unmasked exception reported at a waiting instruction) arrives as SIGFPE: the FPU
 * state at the trap is the signal frame's fpstate, whose first 108 bytes are the FNSAVE image
 * (CW SW TW FIP FCS|FOP FDP FDS ST0-ST7); it goes where the sequence's FNSAVE would have put it,
 * with a trap mark and the trapping EIP at 240. */
static void on_fpe(int sig, siginfo_t *info, void *context) {
  (void)sig;
  (void)info;
  ucontext_t *uc = context;
  unsigned eip = (unsigned)uc->uc_mcontext.gregs[REG_EIP];
  memcpy(data + 64, uc->uc_mcontext.fpregs, 108);
  data[240] = 1;
  memcpy(data + 244, &eip, 4);
  siglongjmp(trap_env, 1);
}

static int hexbytes(const char *s, unsigned char *out, int max) {
  int n = 0;
  while (s[0] && s[1] && n < max) {
    unsigned v;
    if (sscanf(s, "%2x", &v) != 1) break;
    out[n++] = (unsigned char)v;
    s += 2;
  }
  return n;
}

int main(void) {
  unsigned char *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) { perror("mmap"); return 1; }
  static char line[16384], codehex[8192], datahex[8192];
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fpe;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGFPE, &sa, 0);
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "%8191s %8191s", codehex, datahex) != 2) {
      fprintf(stderr, "bad input line: %s", line);
      return 1;
    }
    memset(code, 0xcc, 4096);
    hexbytes(codehex, code, 4096);
    memset(data, 0, sizeof data);
    hexbytes(datahex, data, sizeof data);
    if (sigsetjmp(trap_env, 1) == 0)
      __asm__ volatile("call *%1" : : "c"(data), "r"(code) : "eax", "edx", "memory", "cc");
    /* Where the code and the block were: FNSAVE's pointers are compared relative to them. */
    unsigned bases[2] = {(unsigned)(unsigned long)code, (unsigned)(unsigned long)data};
    memcpy(data + 248, bases, sizeof bases);
    for (int i = 0; i < 256; i++) printf("%02x", data[i]);
    printf("\n");
    fflush(stdout);
  }
  return 0;
}
