// Debian's bash-static:i386 (a 2.6 MB glibc program, nobody here wrote it) under `i386-lab run`
// against the same binary run natively: stdout, stderr and exit status identical for scripts
// (`bash --norc -c`: the host's bash sees a socket as stdin and would read ~/.bashrc otherwise)
// that use bash's own machinery (associative arrays, recursion through command substitution,
// regular expressions, traps, getopts, here-documents, read from stdin, pipelines into Debian's
// busybox applets, files of a --fs view, background jobs with /dev/null, umask). The cases
// alternate between a P6 with SYSENTER and an Athlon with SYSCALL. Needs dpkg-deb with
// bash-static:i386 and busybox-static:i386 in I386_LAB_DEBS (default .debs, fetched by
// .ci/run): missing ones fail with the instruction.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractDeb, MODELS, runNative, runOurs, type RunSetting } from './hostCompare';

const APPLETS = ['sort', 'tr', 'wc', 'cat', 'head', 'seq', 'sed', 'uniq'];

/** A script, and what it reads on stdin. `/data` is the --fs view's data folder. */
const CASES: Array<[string, string?]> = [
  ['declare -A m=([b]=2 [a]=1 [c]=3); for k in "${!m[@]}"; do echo "$k=${m[$k]}"; done | sort'],
  ['f(){ local n=$1; ((n<=1)) && { echo 1; return; }; echo $(( n * $(f $((n-1))) )); }; f 12'],
  ['mapfile -t lines < /data/list.txt; echo "${#lines[@]} ${lines[1]}"; sort /data/list.txt | head -2'],
  ['while read -r n w; do printf "%s:%s\\n" "$w" "$n"; done < /data/list.txt | tr a-z A-Z'],
  ['[[ "abc123" =~ ^([a-z]+)([0-9]+)$ ]] && echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"'],
  ['set -e; false || echo recovered; trap \'echo "err at $LINENO"\' ERR; (exit 4); echo unreachable'],
  ['set -- -a -b val x; while getopts ab: o; do echo "opt $o ${OPTARG:-}"; done; shift $((OPTIND-1)); echo "rest $*"'],
  ["cat <<'E1' | wc -l\none\ntwo\nthree\nE1\necho done"],
  [
    'x=$(< /data/alpha.txt); printf -v y "%s-%s" "$x" "${x^}"; echo "$y"; for f in /data/*.txt; do echo "${f##*/}"; done',
  ],
  ['echo $(( 0x10 + 010 + 2#101 )) $(( 1<<31 )) $(( 2**62 )); echo $(( 7 / 0 )); echo after'],
  ['seq 1 1000 | sort -rn | head -3; echo "${PIPESTATUS[@]}"'],
  [
    'read -r line; echo "got [$line]"; read -r a b; echo "then [$a] [$b]"; cat | wc -c',
    'first line\nsecond one two\nrest\nof it\n',
  ],
  ['s="Hello World"; echo "${s^^} ${s,,} ${s/World/There} ${#s} ${s:6:3}"; a=(x y z); echo "${#a[@]} ${a[*]:1}"'],
  ['trap "echo trapped USR1" USR1; kill -USR1 $$; echo after; trap "echo bye" EXIT; exit 3'],
  ['echo out; echo err >&2; ( echo sub >&2; exit 6 ); echo "status $?"; exec 3>&1; echo via3 >&3'],
  ['printf "%s\\n" b a c b a | sort | uniq -c | sed "s/^ *//"; ulimit -s'],
  ['{ echo job; exit 4; } & wait $!; echo "status $?"; echo gone > /dev/null; cat /dev/null; umask; umask 027; umask'],
];

describe("Debian's bash-static, native vs i386-lab run", function () {
  this.timeout(900000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'i386-lab-bash-'));
  const root = path.join(work, 'root');
  let bash = '';

  before(() => {
    fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
    fs.mkdirSync(path.join(root, 'data'));
    for (const name of ['alpha', 'beta', 'gamma'])
      fs.writeFileSync(path.join(root, 'data', `${name}.txt`), `${name}\n`);
    fs.writeFileSync(path.join(root, 'data', 'list.txt'), '3 c\n1 a\n2 b\n');
    bash = path.join(root, 'bin', 'bash');
    fs.copyFileSync(path.join(extractDeb(work, 'bash-static'), 'bin', 'bash-static'), bash);
    fs.copyFileSync(path.join(extractDeb(work, 'busybox-static'), 'bin', 'busybox'), path.join(root, 'bin', 'busybox'));
    fs.chmodSync(bash, 0o755);
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    for (const applet of APPLETS) fs.symlinkSync('busybox', path.join(root, 'bin', applet));
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  CASES.forEach(([script, input], i) => {
    const [model, options] = MODELS[i % MODELS.length];
    it(`bash -c '${script.split('\n')[0]}' on ${model}`, () => {
      const setting: RunSetting = { root, env: { PATH: '/bin' }, nativePath: path.join(root, 'bin'), input };
      // The host sees the data folder at its host path; the guest at /data. Messages naming the
      // program name it by the path each side was given.
      const expected = runNative(bash, ['--norc', '-c', script.replaceAll('/data', path.join(root, 'data'))], setting);
      const got = runOurs(bash, ['--norc', '-c', script], options, setting);
      const hostPath = (text: string): string =>
        text.replaceAll(path.join(root, 'data'), '/data').replaceAll(bash, 'bash');
      assert.deepEqual(
        { ...got, stdout: hostPath(got.stdout), stderr: hostPath(got.stderr) },
        { ...expected, stdout: hostPath(expected.stdout), stderr: hostPath(expected.stderr) },
      );
    });
  });
});
