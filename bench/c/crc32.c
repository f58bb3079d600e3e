/* CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) of a 64 KiB buffer, table-driven,
 * once per pass; the buffer changes between passes so no pass repeats the last. */
#include "common.h"

static unsigned table[256];
static unsigned char data[65536];

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    unsigned seed = 12345;
    for (unsigned i = 0; i < sizeof data; i++) {
        seed = seed * 1103515245u + 12345u;
        data[i] = (unsigned char)(seed >> 16);
    }
    unsigned sum = 0;
    for (int p = 0; p < passes; p++) {
        unsigned crc = 0xFFFFFFFFu;
        for (unsigned i = 0; i < sizeof data; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        sum ^= crc ^ 0xFFFFFFFFu;
        data[p & 0xFFFF] ^= (unsigned char)sum;
    }
    return report("crc32", sum);
}
