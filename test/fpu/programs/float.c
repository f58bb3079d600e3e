/* Floating point through glibc on the x87: float, double and long double arithmetic, libm
 * (sin cos exp log pow atan cbrt fmod rint ...), printf %f %e %g %a %Lg and strtod. Built with
 * gcc -m32 -static -O2 (test/fpu/glibc.test.ts); its output natively is the oracle. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile double inputs[] = {0.0, -0.0, 1.0, -1.5, 0.1, 3.141592653589793, 2.718281828459045, 1e-300, 1e300, 123456.789, -7.25, 0.5, 1e-10, 42.0};

int main(void) {
  int n = sizeof inputs / sizeof inputs[0];
  for (int i = 0; i < n; i++) {
    double x = inputs[i];
    printf("x=%.17g\n", x);
    printf(" sin %.17g cos %.17g atan %.17g\n", sin(x), cos(x), atan(x));
    printf(" exp %.17g log %.17g pow %.17g\n", exp(x / 100), log(fabs(x) + 1), pow(fabs(x) + 0.5, 1.75));
    printf(" cbrt %.17g fmod %.17g rint %.17g sqrt %.17g\n", cbrt(x), fmod(x, 0.75), rint(x), sqrt(fabs(x)));
    printf(" %%f %f %%e %e %%g %g %%a %a\n", x, x, x, x);
    float f = (float)x;
    printf(" float %.9g %a sinf %.9g\n", f, f, sinf(f));
    long double l = (long double)x * 3.0L / 7.0L;
    printf(" long double %.21Lg %La\n", l, l);
  }
  const char *texts[] = {"0.1", "1e400", "-2.5e-310", "123456789.123456789", "0x1.8p3", "nan", "-inf", "3.14159265358979323846264338327950288"};
  for (unsigned i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    char *end;
    double d = strtod(texts[i], &end);
    long double ld = strtold(texts[i], &end);
    printf("strtod(%s) = %.17g %a; strtold = %.21Lg\n", texts[i], d, d, ld);
  }
  double acc = 0;
  for (int k = 1; k <= 1000; k++) acc += 1.0 / ((double)k * k);
  printf("sum 1/k^2 = %.17g pi^2/6 = %.17g\n", acc, M_PI * M_PI / 6);
  long double lacc = 0;
  for (int k = 1; k <= 1000; k++) lacc += 1.0L / ((long double)k * k);
  printf("long sum = %.21Lg\n", lacc);
  return 0;
}
