/* The string functions of the C library. */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

int main(void) {
  char buf[256];
  strcpy(buf, "Hello");
  strcat(buf, ", ");
  strncat(buf, "world!!!", 6);
  printf("[%s] len %zu\n", buf, strlen(buf));
  printf("cmp: %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strncmp("abcdef", "abcxyz", 3));
  printf("strstr: %s\n", strstr("the quick brown fox", "brown"));
  printf("strchr: %s strrchr: %s\n", strchr("a/b/c", '/'), strrchr("a/b/c", '/'));
  char text[] = "one two,three;;four";
  for (char *t = strtok(text, " ,;"); t; t = strtok(NULL, " ,;")) printf("token <%s>\n", t);
  memset(buf, 'x', 10);
  buf[10] = 0;
  printf("memset: %s memcmp: %d\n", buf, memcmp("abc", "abc", 3));
  char moved[] = "0123456789";
  memmove(moved + 2, moved, 5);
  printf("memmove: %s\n", moved);
  char up[] = "Mixed Case 123";
  for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
  printf("upper: %s\n", up);
  int n = snprintf(buf, 8, "%s-%d", "truncate", 12345);
  printf("snprintf: [%s] wanted %d\n", buf, n);
  printf("spn: %zu %zu\n", strspn("aaabbbccc", "ab"), strcspn("hello world", " "));
  char big[5000];
  for (int i = 0; i < 4999; i++) big[i] = (char)('a' + i % 26);
  big[4999] = 0;
  printf("long: %zu %c %c\n", strlen(big), big[0], big[4998]);
  return 0;
}
