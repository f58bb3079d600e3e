/* tree: lists the directory named by argv[1] (opendir/readdir, stat), sorted, with sizes,
 * and prints each regular file's first line (fopen/fgets). Built with gcc -m32 -static;
 * run natively in DIR with argument "." and on i386 Lab with --fs DIR and argument "/". */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    DIR *d = opendir(dir);
    if (!d) { perror("opendir"); return 2; }
    char *names[256];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && count < 256) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof names[0], by_name);
    for (int i = 0; i < count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat st;
        if (lstat(path, &st) != 0) { printf("%s: lstat failed\n", names[i]); continue; }
        printf("%s %s %lld", names[i], S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "link" : "file", (long long)st.st_size);
        if (S_ISREG(st.st_mode)) {
            FILE *f = fopen(path, "r");
            char line[256] = "";
            if (f && fgets(line, sizeof line, f)) printf(" first line: %s", line); else printf("\n");
            if (f) fclose(f);
        } else {
            printf("\n");
        }
    }
    FILE *out = fopen("/etc/passwd", "r");
    printf("/etc/passwd %s\n", out ? "opened" : "refused");
    return 0;
}
