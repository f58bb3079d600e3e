/* A switch-based bytecode interpreter (a stack machine) running a loop program per pass:
 * the indirect jump of a switch dispatch, as in scripting language interpreters. */
#include "common.h"

enum { PUSH, LOAD, STORE, ADD, SUB, MUL, AND, XOR, SHR, DUP, JNZ, HALT };

/* acc = 1; i += 20000; do { acc = (acc * 33 ^ i) + (acc >> 7); i = i - 1; } while (i); */
static const int program[] = {
    PUSH, 1,     STORE, 0, PUSH, 20000, LOAD, 1, ADD, STORE, 1,
    /* 11: loop */
    LOAD, 0,     PUSH, 33, MUL, LOAD, 1, XOR, LOAD, 0, PUSH, 7, SHR, ADD, STORE, 0,
    LOAD, 1,     PUSH, 1,  SUB, DUP, STORE, 1, JNZ, 11,
    HALT,
};

static unsigned run(unsigned seed) {
    unsigned stack[16], vars[2] = {0, seed & 7};
    int sp = 0, pc = 0;
    for (;;) {
        int op = program[pc++];
        switch (op) {
        case PUSH: stack[sp++] = (unsigned)program[pc++]; break;
        case LOAD: stack[sp++] = vars[program[pc++]]; break;
        case STORE: vars[program[pc++]] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case JNZ: {
            int target = program[pc++];
            if (stack[--sp]) pc = target;
            break;
        }
        case HALT: return vars[0];
        default: return 0xBAD;
        }
    }
}

int main(int argc, char **argv) {
    int passes = passes_from(argc, argv);
    unsigned sum = 0;
    for (int p = 0; p < passes; p++) sum = sum * 31 + run((unsigned)p);
    return report("interp", sum);
}
