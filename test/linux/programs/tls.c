/* Thread-local variables live behind %gs (set_thread_area); errno is one of them. */
#include <stdio.h>
#include <errno.h>
#include <string.h>

static __thread int counter = 5;
static __thread char name[16] = "initial";
__thread long long big[100];

int main(void) {
  for (int i = 0; i < 1000; i++) counter += i;
  strcpy(name, "changed");
  for (int i = 0; i < 100; i++) big[i] = (long long)i * i;
  long long s = 0;
  for (int i = 0; i < 100; i++) s += big[i];
  errno = 0;
  printf("counter %d name %s sum %lld errno %d\n", counter, name, s, errno);
  unsigned short gs;
  __asm__ volatile("mov %%gs, %0" : "=r"(gs));
  printf("gs is a GDT selector with RPL 3: %d\n", (gs & 7) == 3);
  return 0;
}
