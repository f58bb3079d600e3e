/* Dense switch statements compile to jump tables. */
#include <stdio.h>

__attribute__((noinline)) static int classify(int c) {
  switch (c) {
  case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41;
  case 4: return 53; case 5: return 67; case 6: return 71; case 7: return 89;
  case 8: return 97; case 9: return 101; case 10: return 113; case 11: return 127;
  case 12: return 131; case 13: return 149; case 14: return 151; case 15: return 163;
  default: return -1;
  }
}

__attribute__((noinline)) static const char *name(unsigned char c) {
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
  case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': return "digit";
  case ' ': return "space";
  default: return "other";
  }
}

int main(void) {
  int total = 0;
  for (int i = -2; i < 20; i++) total += classify(i) * (i + 3);
  printf("total %d\n", total);
  const char *text = "switch 42 tables";
  for (const char *p = text; *p; p++) printf("%c:%s ", *p, name((unsigned char)*p));
  printf("\n");
  return 0;
}
