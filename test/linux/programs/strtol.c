/* Number parsing: strtol, strtoul, strtoll, atoi in several bases, and errno on overflow. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

int main(void) {
  const char *inputs[] = { "42", "-17", "0x1F", "0777", "  +12abc", "zzz", "2147483647", "2147483648", "-2147483649", "1010" };
  for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    char *end;
    errno = 0;
    long v = strtol(inputs[i], &end, 0);
    printf("strtol(\"%s\") = %ld rest \"%s\" errno %d\n", inputs[i], v, end, errno);
  }
  printf("base 2: %ld, base 36: %ld\n", strtol("1010", NULL, 2), strtol("zz", NULL, 36));
  printf("strtoul -1: %lu\n", strtoul("-1", NULL, 10));
  printf("strtoll: %lld\n", strtoll("-9223372036854775807", NULL, 10));
  printf("atoi: %d %d\n", atoi("123xyz"), atoi("-0"));
  return 0;
}
