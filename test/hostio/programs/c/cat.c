/* cat: standard input to standard output through stdio (fread/fwrite), a line on stderr,
 * and the byte count on stdout. Built with gcc -m32 -static. */
#include <stdio.h>

int main(void) {
    char buffer[3000];
    size_t n, total = 0;
    while ((n = fread(buffer, 1, sizeof buffer, stdin)) > 0) {
        fwrite(buffer, 1, n, stdout);
        total += n;
    }
    fprintf(stderr, "cat: this line is on stderr\n");
    printf("copied %zu\n", total);
    return ferror(stdin) || ferror(stdout) ? 3 : 0;
}
