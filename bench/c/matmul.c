/* 96x96 integer matrix multiply per pass (i-k-j order): loads, multiplies, stores. */
#include "common.h"

#define N 96
static int a[N][N], b[N][N], c[N][N];

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i * 7 + j * 3) % 17 - 8;
            b[i][j] = (i * 5 + j * 11) % 13 - 6;
        }
    unsigned sum = 0;
    for (int p = 0; p < passes; p++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) c[i][j] = 0;
        for (int i = 0; i < N; i++)
            for (int k = 0; k < N; k++) {
                int x = a[i][k];
                for (int j = 0; j < N; j++) c[i][j] += x * b[k][j];
            }
        for (int i = 0; i < N; i++) sum = sum * 31 + (unsigned)c[i][(i + p) % N];
        a[p % N][(p * 3) % N] += 1;
    }
    return report("matmul", sum);
}
