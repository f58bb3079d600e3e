/* The auxiliary vector entries that do not depend on the machine. */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <elf.h>

int main(int argc, char **argv) {
  (void)argc;
  printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
  printf("AT_PHENT %lu AT_PHNUM %lu\n", getauxval(AT_PHENT), getauxval(AT_PHNUM));
  extern char __ehdr_start[];
  printf("AT_PHDR is the headers: %d\n", getauxval(AT_PHDR) == (unsigned long)__ehdr_start + ((Elf32_Ehdr *)__ehdr_start)->e_phoff);
  extern void _start(void);
  printf("AT_ENTRY is _start: %d\n", getauxval(AT_ENTRY) == (unsigned long)_start);
  printf("AT_SECURE %lu AT_BASE %lu\n", getauxval(AT_SECURE), getauxval(AT_BASE));
  printf("AT_RANDOM present: %d\n", getauxval(AT_RANDOM) != 0);
  const char *fn = (const char *)getauxval(AT_EXECFN);
  printf("AT_EXECFN is argv[0]: %d\n", fn && strcmp(fn, argv[0]) == 0);
  printf("AT_PLATFORM %s\n", (const char *)getauxval(AT_PLATFORM));
  printf("vDSO present: %d\n", getauxval(AT_SYSINFO_EHDR) != 0);
  const unsigned char *v = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
  printf("vDSO is an ELF shared object: %d\n", v && memcmp(v, "\177ELF", 4) == 0 && ((Elf32_Ehdr *)v)->e_type == ET_DYN);
  return 0;
}
