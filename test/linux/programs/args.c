/* argv and the environment exactly as given; the exit status is argc. */
#include <stdio.h>

int main(int argc, char **argv, char **envp) {
  for (int i = 0; i < argc; i++) printf("argv[%d] = [%s]\n", i, argv[i]);
  printf("argv[argc] = %p\n", (void *)argv[argc]);
  int n = 0;
  for (char **e = envp; *e; e++) printf("env[%d] = [%s]\n", n++, *e);
  return argc;
}
