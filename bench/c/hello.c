/* The startup bench's static glibc program: C library start-up, one line, exit. */
#include <stdio.h>

int main(void) {
    puts("hello");
    return 0;
}
