// The command ids contributed in package.json (a test checks both lists agree).
export const COMMAND_IDS = {
  run: 'i386-lab.runProgram',
  selectCpu: 'i386-lab.selectCpuModel',
  showKip: 'i386-lab.showKernelInterface',
  openExample: 'i386-lab.openExample',
} as const;
